-- extension_directory: where the lake's extensions are linked (`:name` as in attach.sql).
set extension_directory = :directory;
