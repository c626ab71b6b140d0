"""unspin.spark without a Spark session: the column functions' configuration is checked
on the driver, and the module imports without pyspark."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from unspin import spark


def test_ready_udfs_are_column_functions():
    for udf in (spark.repair_udf, spark.detect_udf, spark.explain_udf, spark.stats_udf):
        assert isinstance(udf, spark.ColumnFunction)
        with pytest.raises(TypeError, match=r"column function.*\.configure\("):
            udf()  # the old factory form names the new ones


def test_configured_udfs_come_from_a_factory(tmp_path: Path):
    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\nbig ocean\tPacific Ocean\tmine\n", encoding="utf-8")
    made = spark.make_repair_udf(threshold=0.9, phrasebooks=[book])
    same = spark.repair_udf.configure(threshold=0.9, phrasebooks=[str(book)])
    assert made._spec == same._spec
    assert made._spec.threshold == 0.9
    assert made._spec.phrasebooks == (("mine.tsv", book.read_bytes()),)  # the contents travel
    assert spark.make_detect_udf(threshold=0.9)._spec.threshold == 0.9
    assert spark.make_explain_udf(default_phrasebook=True)._spec.default_phrasebook is True
    with pytest.raises(TypeError, match="no configuration"):
        spark.stats_udf.configure(threshold=0.9)


def test_the_prior_and_the_short_text_gate_travel_with_the_udf():
    from unspin.executors import repairer_for

    told = spark.make_repair_udf(spun_prior=0.99, short_spun=0.8)
    assert (told._spec.spun_prior, told._spec.short_spun) == (0.99, 0.8)
    assert told._spec.key() != spark.make_repair_udf()._spec.key()
    config = repairer_for(told._spec).config
    assert (config.spun_prior, config.short_spun) == (0.99, 0.8)
    assert spark.explain_udf.configure(spun_prior=0.9)._spec.spun_prior == 0.9


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"threshold": "0.9"}, TypeError, "threshold"),
        ({"threshold": 0.4}, ValueError, "threshold"),
        ({"phrasebooks": "mine.tsv"}, TypeError, r"pass \['mine.tsv'\]"),
        ({"default_phrasebook": "no"}, TypeError, "default_phrasebook"),
        ({"spun_prior": 1.0}, ValueError, "spun_prior"),
        ({"short_spun": 2.0}, ValueError, "short_spun"),
    ],
)
def test_bad_configuration_fails_on_the_driver(kwargs, error, field):
    with pytest.raises(error, match=field):
        spark.make_repair_udf(**kwargs)
    with pytest.raises(error, match=field):
        spark.detect_udf.configure(**kwargs)


@pytest.mark.skipif(importlib.util.find_spec("pyspark") is not None, reason="pyspark installed")
def test_without_pyspark_the_udf_says_what_is_missing():
    with pytest.raises(ModuleNotFoundError, match="pyspark"):
        spark.repair_udf("text")
