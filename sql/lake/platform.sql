-- platform: the platform DuckDB names its extension folders by (linux_amd64, ...).
pragma platform;
