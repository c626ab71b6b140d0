"""Record files (``--field``): JSON lines, gzip, Parquet; the command in a subprocess, the
JSON-line editing as units."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import CHILD_ENV, CLEAN, read, seed

from unspin import Repairer
from unspin.jsonline import set_value, value_span
from unspin.records import process_lines

UNSPIN = [sys.executable, "-m", "unspin"]
ENV = CHILD_ENV


def unspin(*args: object, stdin: bytes | None = None, cwd: Path | None = None):
    return subprocess.run(
        [*UNSPIN, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, env=ENV, timeout=120
    )


def texts() -> list[str]:
    return [seed(n) for n in ("000", "001", "002", "003", "004")] + [
        read(p) for p in sorted(CLEAN.glob("*.txt"))
    ]


def corpus_lines() -> list[str]:
    """Records of several shapes: key orders, compact and spaced, non-ASCII, escapes, no
    field, a null field, a number field."""
    docs = texts()
    lines = []
    for i, text in enumerate(docs):
        record = {"id": i, "meta": {"lang": "en", "title": "Große Straße ✓"}, "text": text}
        if i % 2:
            lines.append(json.dumps(record, ensure_ascii=False))
        else:  # compact, text first, ASCII escapes elsewhere
            record = {"text": text, "score": 1.50, "note": "caf\u00e9"}
            lines.append(json.dumps(record, separators=(",", ":")))
    lines.insert(2, '{"id": "no text", "body": "Center East"}')
    lines.insert(4, '{"id": 7, "text": null}')
    lines.insert(5, '{"id": 8, "text": 12.50e1}')
    return lines


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    return path


def check_fixed(before: list[str], after: list[str], repairer: Repairer, field="text") -> None:
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        a, b = json.loads(old), json.loads(new)
        assert list(a) == list(b)  # same keys, same order
        assert {k: v for k, v in a.items() if k != field} == {
            k: v for k, v in b.items() if k != field
        }
        if isinstance(a.get(field), str):
            assert b[field] == repairer.repair(a[field])
            if b[field] == a[field]:
                assert new == old  # an unchanged record is written back as it was
        else:
            assert new == old


# --- the command ----------------------------------------------------------------------


def test_fix_jsonl_to_stdout(jsonl: Path, repairer: Repairer):
    out = unspin("fix", "--field", "text", "--jobs", "2", "--chunk-size", "20000", jsonl)
    assert out.returncode == 0, out.stderr
    before = jsonl.read_text(encoding="utf-8").splitlines()
    after = out.stdout.decode("utf-8").splitlines()
    check_fixed(before, after, repairer)
    assert any(a != b for a, b in zip(before, after, strict=True))
    # the non-ASCII of untouched fields, and their escapes, are as they were
    assert "Große Straße ✓" in out.stdout.decode() and r"caf\u00e9" in out.stdout.decode()
    summary = out.stderr.decode()
    assert "1 file read" in summary and "3 without the field" in summary
    assert f"{len(before) - 3} records" in summary


def test_fix_output_dir_gzip_and_in_place(jsonl: Path, tmp_path: Path, repairer: Repairer):
    gz = tmp_path / "corpus2.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl.read_bytes()))
    out = unspin("fix", "--field", "text", "-q", "-o", tmp_path / "fixed", jsonl, gz)
    assert out.returncode == 0, out.stderr
    assert out.stderr == b""
    fixed = (tmp_path / "fixed" / "corpus.jsonl").read_bytes()
    assert gzip.decompress((tmp_path / "fixed" / "corpus2.jsonl.gz").read_bytes()) == fixed
    check_fixed(jsonl.read_text().splitlines(), fixed.decode().splitlines(), repairer)
    # --check: exit 1, nothing written
    original = jsonl.read_bytes()
    out = unspin("fix", "--field", "text", "--check", jsonl)
    assert out.returncode == 1 and b"would fix" in out.stderr and out.stdout == b""
    assert jsonl.read_bytes() == original
    # in place: the same bytes as --output-dir; an unchanged file keeps its mtime
    out = unspin("fix", "--field", "text", "-i", jsonl)
    assert out.returncode == 0, out.stderr
    assert jsonl.read_bytes() == fixed
    os.utime(jsonl, (1_000_000_000, 1_000_000_000))
    out = unspin("fix", "--field", "text", "-i", jsonl)
    assert out.returncode == 0 and "0 changed" in out.stderr.decode()
    assert jsonl.stat().st_mtime == 1_000_000_000


def test_detect_adds_the_score(jsonl: Path, repairer: Repairer):
    out = unspin("detect", "--field", "text", "--score-field", "spin_score", jsonl)
    assert out.returncode == 0, out.stderr
    before = jsonl.read_text(encoding="utf-8").splitlines()
    after = out.stdout.decode().splitlines()
    for old, new in zip(before, after, strict=True):
        a, b = json.loads(old), json.loads(new)
        if isinstance(a.get("text"), str):
            assert list(b) == [*a, "spin_score"]
            want = repairer.detect(a["text"], paragraphs=False).score
            assert b["spin_score"] == round(want, 4)
            assert new.startswith(old[:-1])  # the rest of the line untouched
        else:
            assert new == old
    scores = [json.loads(line).get("spin_score") for line in after]
    assert scores[0] > 0.9  # seed 000 is spun


def test_bad_lines(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "fine"}\n\nnot json\n[1, 2]\n{"text": "\xff"}\n{"text": "ok"}')
    out = unspin("fix", "--field", "text", path)
    assert out.returncode == 2
    assert f"{path}: line 3: not JSON".encode() in out.stderr
    out = unspin("fix", "--field", "text", "--skip-bad-records", path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == path.read_bytes()  # passed through, the blank line too
    assert b"3 bad" in out.stderr and b"line 4: not a JSON object" in out.stderr
    assert b"line 5: not valid utf-8" in out.stderr
    # written in place or to a directory: a file with a bad line is not written at all
    out = unspin("fix", "--field", "text", "-o", tmp_path / "out", path)
    assert out.returncode == 2 and not (tmp_path / "out" / "bad.jsonl").exists()
    assert not [p for p in (tmp_path / "out").iterdir()]


def test_lines_python_will_not_read_are_bad_records(tmp_path: Path):
    """Valid JSON that json.loads refuses (an integer past the int-to-str digit limit, a
    value nested past the recursion limit) is a bad record like any other, not a crash
    that stops the run; and a decoder message ending in "at" does not say "at at"."""
    path = tmp_path / "hostile.jsonl"
    lines = [
        '{"text": "Talks on the Center East."}',
        '{"text": "x", "n": ' + "1" * 5000 + "}",
        '{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "a\tb"}',  # a raw tab inside a string
        '{"text": "Talks on the Center East."}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text(lines[0] + "\n", encoding="utf-8")
    out = unspin("fix", "--field", "text", "-o", tmp_path / "out", path, other)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert "Traceback" not in err
    assert f"skipped {path}: line 2: holds an integer of more than 4300 digits" in err
    assert "1 file read" in err  # the next file was still done
    assert (
        tmp_path / "out" / "other.jsonl"
    ).read_text() == '{"text": "Talks on the Middle East."}\n'
    out = unspin("fix", "--field", "text", "--skip-bad-records", path)
    assert out.returncode == 0, out.stderr
    err = out.stderr.decode()
    assert f"{path} line 2: holds an integer of more than 4300 digits; passed through" in err
    assert f"{path} line 3: nested too deeply to read; passed through" in err
    assert f"{path} line 4: not JSON (Invalid control character at column 12)" in err
    assert "at at" not in err and "3 bad" in err
    fixed = out.stdout.decode().split("\n")
    assert fixed[1:4] == lines[1:4]  # passed through as they were
    assert fixed[0] == fixed[4] == '{"text": "Talks on the Middle East."}'


def test_directory_and_usage_errors(jsonl: Path, tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a record file")
    out = unspin("fix", "--field", "text", "--check", tmp_path)
    assert out.returncode == 1 and b"1 file read" in out.stderr  # *.txt is not taken
    for args in (
        ("fix", "--field", "text", "--diff", jsonl),
        ("detect", "--field", "text", "--sort", jsonl),
        ("detect", "--field", "text", "--score-field", "text", jsonl),
        ("detect", "-o", tmp_path / "x", jsonl),
    ):
        out = unspin(*args)
        assert out.returncode == 2 and b"error" in out.stderr, args


def test_stdin():
    line = json.dumps({"text": seed("000"), "n": 1}, ensure_ascii=False) + "\n"
    out = unspin("fix", "--field", "text", "-", stdin=line.encode())
    assert out.returncode == 0
    assert json.loads(out.stdout) == {"text": Repairer().repair(seed("000")), "n": 1}


def test_parquet(tmp_path: Path, repairer: Repairer):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    docs = [*texts(), None, "Center East"]
    table = pa.table({"id": list(range(len(docs))), "text": docs}).replace_schema_metadata(
        {"origin": "test"}
    )
    src = tmp_path / "c.parquet"
    pq.write_table(table, src, row_group_size=4)
    out = unspin("fix", "--field", "text", "--chunk-size", "10000", "-o", tmp_path / "out", src)
    assert out.returncode == 0, out.stderr
    got = pq.read_table(tmp_path / "out" / "c.parquet")
    assert got.schema == table.schema and got.schema.metadata == table.schema.metadata
    assert got.column("id").to_pylist() == list(range(len(docs)))
    assert got.column("text").to_pylist() == [
        None if d is None else repairer.repair(d) for d in docs
    ]
    out = unspin("detect", "--field", "text", "-o", tmp_path / "det", src)
    assert out.returncode == 0, out.stderr
    got = pq.read_table(tmp_path / "det" / "c.parquet")
    assert got.column_names == ["id", "text", "spin_score"]
    assert got.column("spin_score").to_pylist()[0] > 0.9
    assert got.column("spin_score").to_pylist()[len(docs) - 2] is None
    out = unspin("fix", "--field", "text", src)  # Parquet is not printed
    assert out.returncode == 2 and b"--output-dir" in out.stderr


# --- units ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        '{"a": 1, "text": "x", "b": [1, {"text": 2}]}',
        '{"text":"x","a":{"text":"y"}}',
        '  { "b" : "}" ,  "text" :  "x\\"y"  }  ',
        '{"text": "first", "text": "x"}',
    ],
)
def test_set_value_replaces_only_the_value(line: str):
    span = value_span(line, "text")
    assert span is not None
    assert json.loads(line[span[0] : span[1]]) == json.loads(line)["text"]
    new = set_value(line, "text", "é\n")
    assert json.loads(new) == {**json.loads(line), "text": "é\n"}
    assert new[: span[0]] == line[: span[0]] and new.endswith(line[span[1] :])


def test_set_value_appends_a_key():
    assert set_value('{"a": 1}', "s", 0.5) == '{"a": 1, "s": 0.5}'
    assert set_value("{}", "s", 0.5) == '{"s": 0.5}'
    assert set_value('{"a": 1 } ', "s", 0.5) == '{"a": 1, "s": 0.5} '
    assert value_span('{"a": {"s": 1}}', "s") is None
    assert set_value('{"t": "\\udc80"}', "t", "\udc81") == '{"t": "\\udc81"}'


def test_process_lines_keeps_unchanged_lines_and_endings():
    from unspin.batch import use_repairer

    use_repairer(Repairer())
    spun = json.dumps({"text": seed("000")})
    lines = [b'{"text": "A clean line."}\r\n', b"\n", spun.encode() + b"\r\n", b'{"x": 1}']
    result = process_lines(lines, 1, "text", None, "utf-8")
    out = result.data.splitlines()
    assert result.data.startswith(lines[0] + lines[1])
    assert json.loads(out[2])["text"] == Repairer().repair(seed("000"))
    assert result.data.endswith(b'\r\n{"x": 1}')
    assert (result.records, result.changed, result.missing, result.bad) == (2, 1, 1, [])
