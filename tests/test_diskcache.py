import os
import time

import pytest

from analysis.diskcache import DiskCache, default_cache, source_digest


def test_get_or_build_builds_once_and_reads_back(tmp_path):
    cache = DiskCache(tmp_path)
    calls = []
    key = DiskCache.key("digest", "v1")

    def build():
        calls.append(1)
        return {"terms": ["计量", "标准化"], "n": 2}

    assert cache.get_or_build("corpus", key, build) == {"terms": ["计量", "标准化"], "n": 2}
    assert DiskCache(tmp_path).get_or_build("corpus", key, build) == {"terms": ["计量", "标准化"], "n": 2}
    assert calls == [1]
    assert cache.get("corpus", DiskCache.key("digest", "v2")) is None      # any changed part is a new key
    assert [p.name for p in tmp_path.iterdir()] == [f"corpus-{key}.pickle"]  # no temp files left


def test_damaged_entry_is_dropped_and_rebuilt(tmp_path):
    cache = DiskCache(tmp_path)
    key = DiskCache.key("x")
    (tmp_path / f"mentions-{key}.pickle").write_bytes(b"\x80\x05truncated")
    assert cache.get("mentions", key) is None
    assert not (tmp_path / f"mentions-{key}.pickle").exists()
    assert cache.get_or_build("mentions", key, lambda: [1, 2, 3]) == [1, 2, 3]


def test_size_budget_drops_least_recently_used(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=2500)
    for i in range(3):
        cache.put("c", f"k{i}", b"x" * 1000)
        os.utime(tmp_path / f"c-k{i}.pickle", (time.time() - 100 + i, time.time() - 100 + i))
    cache.put("c", "k3", b"y" * 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c-k2.pickle", "c-k3.pickle"]


def test_default_cache_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_CACHE", "off")
    assert default_cache() is None
    monkeypatch.setenv("WENJIAN_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv("WENJIAN_CACHE_MAX_MB", "1")
    c = default_cache()
    assert c.root == tmp_path / "c" and c.max_bytes == 1024 * 1024


def test_source_digest_changes_with_content(tmp_path):
    f = tmp_path / "a.py"
    f.write_text("x = 1")
    d1 = source_digest(f)
    f.write_text("x = 2")
    assert source_digest(f) != d1 and len(d1) == 16
    with pytest.raises(FileNotFoundError):
        source_digest(tmp_path / "missing.py")
