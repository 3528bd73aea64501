"""The team profile's configuration from the environment: an S3-compatible store for the lake's
files is reached with the AWS SDKs' variables."""

from __future__ import annotations

from pipelines.warehouse.lake import LakeConfig, S3Store


def _team(monkeypatch, data: str, **aws: str) -> LakeConfig | None:
    monkeypatch.setenv("HEADCOUNT_PROFILE", "team")
    monkeypatch.setenv("HEADCOUNT_LAKE_CATALOG", "postgres:dbname=lake")
    monkeypatch.setenv("HEADCOUNT_LAKE_DATA", data)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in aws.items():
        monkeypatch.setenv(name, value)
    return LakeConfig.from_env()


def test_a_folder_needs_no_store(monkeypatch, tmp_path) -> None:
    config = _team(monkeypatch, str(tmp_path / "lake"))
    assert config is not None and config.s3 is None


def test_a_store_other_than_aws_is_reached_by_path_at_its_endpoint(monkeypatch) -> None:
    config = _team(monkeypatch, "s3://lake/data/", AWS_ACCESS_KEY_ID="id",
                   AWS_SECRET_ACCESS_KEY="secret", AWS_ENDPOINT_URL="http://minio.lan:9000")  # fmt: skip
    assert config is not None and config.s3 == S3Store("id", "secret", "us-east-1",
                                                      "minio.lan:9000", use_ssl=False)  # fmt: skip
    assert config.s3.values() == {"region": "us-east-1", "endpoint": "minio.lan:9000",
                                  "url_style": "path", "use_ssl": "false"}  # fmt: skip
    assert "secret" not in repr(config)  # never in a log line


def test_aws_itself_by_virtual_host_over_tls(monkeypatch) -> None:
    config = _team(monkeypatch, "s3://lake/", AWS_ACCESS_KEY_ID="id",
                   AWS_SECRET_ACCESS_KEY="secret", AWS_REGION="eu-north-1")  # fmt: skip
    assert config is not None and config.s3 is not None
    assert config.s3.values() == {"region": "eu-north-1", "endpoint": "s3.amazonaws.com",
                                  "url_style": "vhost", "use_ssl": "true"}  # fmt: skip
