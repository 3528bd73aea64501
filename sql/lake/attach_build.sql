-- attach_build: a worker's published build file, the rows a publication copies (`:name` as in attach.sql).
attach :build as build (read_only);
