"""unspin.datatrove in a LocalPipelineExecutor: output equal to repair() per document."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from support import CLEAN, read, seed

from unspin import Config, Repairer

pytestmark = pytest.mark.slow
pytest.importorskip(
    "datatrove", reason="datatrove is not installed (pip install 'unspin[datatrove]')"
)


def corpus() -> list[str]:
    docs = [seed(n) for n in ("000", "001", "002", "003", "004")]
    return [*docs, *(read(p) for p in sorted(CLEAN.glob("*.txt"))), "Center East final week."]


def write_input(folder: Path, docs: list[str]) -> None:
    """Two shards, so that two tasks share the corpus."""
    folder.mkdir()
    for shard in range(2):
        with open(folder / f"part-{shard}.jsonl", "w", encoding="utf-8") as f:
            for i in range(shard, len(docs), 2):
                f.write(json.dumps({"id": str(i), "text": docs[i]}, ensure_ascii=False) + "\n")


def read_output(folder: Path) -> dict[str, dict]:
    records = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                records[record["id"]] = record
    return records


def test_local_pipeline_equals_repair(tmp_path: Path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from unspin.datatrove import UnspinFilter, UnspinRepair

    docs = corpus()
    write_input(tmp_path / "in", docs)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            UnspinRepair(),
            UnspinFilter(max_score=0.5, action="tag"),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = read_output(tmp_path / "out")
    repairer = Repairer()
    assert sorted(out, key=int) == [str(i) for i in range(len(docs))]
    for i, text in enumerate(docs):
        record = out[str(i)]
        ex = repairer.explain(text, declined=False)
        assert record["text"] == repairer.repair(text) == ex.text
        meta = record["metadata"]
        assert meta["unspin_edits"] == len(ex.edits)
        score = repairer.detect(text, paragraphs=False).score
        assert meta["unspin_spin_score"] == pytest.approx(score)
        assert meta["unspin_spun"] == (score > 0.5)
    assert out["0"]["metadata"]["unspin_spun"] and not out["1"]["metadata"]["unspin_spun"]


def test_filter_drops_and_step_carries_its_configuration(tmp_path: Path):
    from datatrove.data import Document

    from unspin.datatrove import UnspinFilter, UnspinRepair

    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\nbig ocean\tPacific Ocean\tmine\n", encoding="utf-8")
    repairer = Repairer(Config(threshold=0.9, phrasebooks=(str(book),)))
    step = UnspinRepair(threshold=0.9, phrasebooks=[book], score=False)
    book.unlink()  # the step carries the contents
    docs = corpus()
    got = list(step.run(Document(text=t, id=str(i)) for i, t in enumerate(docs)))
    assert [d.text for d in got] == [repairer.repair(t) for t in docs]
    assert all("unspin_spin_score" not in d.metadata for d in got)
    kept = list(
        UnspinFilter(max_score=0.5).run(Document(text=t, id=str(i)) for i, t in enumerate(docs))
    )
    scores = [Repairer().detect(t, paragraphs=False).score for t in docs]
    assert [d.id for d in kept] == [str(i) for i, s in enumerate(scores) if s <= 0.5]
    assert 0 < len(kept) < len(docs)
    with pytest.raises(ValueError):
        UnspinFilter(action="delete")


def test_the_step_takes_the_prior_of_a_corpus_known_to_be_spun():
    from datatrove.data import Document

    from unspin.datatrove import UnspinFilter, UnspinRepair

    light = "Analysts say the company will come under strain to cut costs this year."
    told = Repairer(Config(spun_prior=0.99)).repair(light)
    assert told != light  # "strain" -> "pressure": the prior decides it
    step = UnspinRepair(spun_prior=0.99, score=False)
    (got,) = step.run([Document(text=light, id="0")])
    assert got.text == told and got.metadata["unspin_edits"] >= 1
    (plain,) = UnspinRepair(score=False).run([Document(text=light, id="0")])
    assert plain.text == light
    assert UnspinFilter(short_spun=0.8).spec.short_spun == 0.8
    with pytest.raises(ValueError, match="spun_prior"):
        UnspinRepair(spun_prior=1.5)
