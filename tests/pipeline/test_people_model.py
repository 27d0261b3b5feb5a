"""The learned PERSON scorer: what it adds to the rules, and its model files."""

from __future__ import annotations

import json
import math
from pathlib import Path

from spacy.language import Language

from kg.cli import main
from kg.pipeline.candidates import entities_of, layout
from kg.pipeline.people_model import (
    MODEL_FILE,
    NameModel,
    page_candidates,
    shipped_model_path,
)
from kg.rules.families import family

ROOT = Path(__file__).resolve().parents[2]
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds"
MODEL_ID = family("zhkg.people:model").id


def chosen_by_model(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    return {text[c.start:c.end] for c in entities_of(doc) if c.source == MODEL_ID}


def test_a_name_opening_a_clause_without_a_cue_word_is_found(nlp: Language):
    # No role, byline or speech verb beside the name: the rules have nothing to go on.
    text = "在此次垃圾纠纷事件中,刘建斌发现1701住户和1702住户在微信群中争吵,第一时间联系网格员。"
    assert chosen_by_model(nlp, text) == {"刘建斌"}


def test_the_model_adds_to_the_rules_and_never_replaces_their_person(nlp: Language):
    # 党支部书记杨广峰: the role rule's span stays, whatever the model scores.
    text = "板申气村党支部书记杨广峰对党员们说。"
    doc = nlp(text)
    people = [c for c in entities_of(doc) if c.label == "PERSON"]
    assert [(text[c.start:c.end], c.source) for c in people] == \
        [("杨广峰", family("zhkg.people:role").id)]


def test_ordinary_words_led_by_a_surname_character_are_not_names(nlp: Language):
    text = "全面加强党的建设，高质量发展取得新成效，安全感明显增强。"
    assert not {e.text for e in nlp(text).ents if e.label_ == "PERSON"}


def test_part_scores_sum_to_the_score_of_all_features(nlp: Language):
    page = (ROOT / "seeds" / "001_0251cab32248a4b7.txt").read_text(encoding="utf-8")
    lay = layout(nlp.make_doc(page))
    model = NameModel.load(shipped_model_path())
    fast = model.page(lay)
    full = [(model.probability(feats), start, end) for start, end, feats in page_candidates(lay)]
    assert len(fast) == len(full) > 500
    for (p, start, end), (q, start2, end2) in zip(fast, full, strict=True):
        assert (start, end) == (start2, end2)
        assert math.isclose(p, q, rel_tol=1e-9, abs_tol=1e-12)


def test_likely_is_page_above_the_threshold(nlp: Language):
    # likely() drops candidates by upper bounds of the parts it has not scored: it
    # must keep exactly what page() scores at or above the threshold, in order.
    model = NameModel.load(shipped_model_path())
    for page in sorted((ROOT / "seeds").glob("*.txt")):
        lay = layout(nlp.make_doc(page.read_text(encoding="utf-8")))
        full = model.page(lay)
        assert model.likely(lay) == [s for s in full if s[0] >= model.threshold]
    lower = NameModel(model.weights, threshold=0.05)
    assert lower.likely(lay) == [s for s in lower.page(lay) if s[0] >= 0.05]
    assert len(lower.likely(lay)) > len(model.likely(lay)) > 0


def test_the_shipped_model_is_small_and_names_its_training_pages():
    path = shipped_model_path()
    assert path.stat().st_size < 30 * 2**20
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert "001_0251cab32248a4b7" in meta["trained_on"] and meta["positives"] > 100


def test_training_twice_gives_the_same_file(tmp_path: Path):
    for run in ("a", "b"):
        assert main(["train", str(SEEDS_GOLD), str(ROOT / "seeds"), "-o",
                     str(tmp_path / run), "-q"]) == 0
    first = (tmp_path / "a" / MODEL_FILE).read_bytes()
    assert first == (tmp_path / "b" / MODEL_FILE).read_bytes()
    assert json.loads(first)["meta"]["trained_on"] == sorted(
        p.stem for p in SEEDS_GOLD.glob("*.json"))


def test_train_names_the_gold_file_it_cannot_read(tmp_path: Path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "01.json").write_text('{"doc": "01", "entities": {"PERSON": [', encoding="utf-8")
    assert main(["train", str(gold), str(ROOT / "seeds"), "-o", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(gold / "01.json") in err[0] and "cannot read" in err[0]
    assert not (tmp_path / "m").exists()


def test_train_names_a_gold_file_whose_page_is_missing(tmp_path: Path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.json").write_text(json.dumps({"doc": "nowhere", "entities": {"PERSON": []}}),
                                 encoding="utf-8")
    assert main(["train", str(gold), str(ROOT / "seeds"), "-o", str(tmp_path / "m")]) == 1
    assert "no page nowhere.txt" in capsys.readouterr().err


def test_train_takes_folders_in_pairs(tmp_path: Path, capsys):
    assert main(["train", str(SEEDS_GOLD), "-o", str(tmp_path / "m")]) == 2
    assert "in pairs" in capsys.readouterr().err


def test_build_refuses_a_model_file_that_is_not_one_and_keeps_the_output(
        tmp_path: Path, capsys):
    out = tmp_path / "g.ttl"
    out.write_text("# an earlier graph\n", encoding="utf-8")
    bad = tmp_path / "model"
    bad.mkdir()
    (bad / MODEL_FILE).write_text('{"weights": {}}', encoding="utf-8")
    page = str(ROOT / "seeds" / "004_f7f43db65705d640.txt")
    assert main(["build", page, "-o", str(out), "--model", str(bad), "-q"]) == 2
    err = capsys.readouterr().err
    assert str(bad / MODEL_FILE) in err and "not a zhkg people model" in err
    assert out.read_text(encoding="utf-8") == "# an earlier graph\n"
    assert main(["build", page, "-o", str(out), "--model", str(tmp_path / "none"), "-q"]) == 2
    assert "no such model file" in capsys.readouterr().err


def test_another_model_rebuilds_the_documents_of_a_store(tmp_path: Path, capsys):
    page = str(ROOT / "seeds" / "004_f7f43db65705d640.txt")
    store = str(tmp_path / "store")
    assert main(["train", str(SEEDS_GOLD), str(ROOT / "seeds"), "-o", str(tmp_path / "m"),
                 "-q"]) == 0
    assert main(["build", page, "--store", store, "-q"]) == 0
    assert main(["build", page, "--store", store, "-q", "--summary"]) == 0
    assert "unchanged in store" in capsys.readouterr().out
    assert main(["build", page, "--store", store, "-q", "--summary",
                 "--model", str(tmp_path / "m")]) == 0
    assert "stored in store" in capsys.readouterr().out
