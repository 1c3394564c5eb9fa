"""/models: your own weights in, gates out; every refused file explained in the user's language."""
import io
import pickle
import zipfile

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages.strings import EN, ZH
from lstm_core import RecurrentNet, save_safetensors
from lstm_core.model import SequenceModel
from lstm_core.weights_io import save_net_safetensors
from tests.stepping import frames, step_to
from tests.test_app_pages import APP, html_bodies, labels_in_browser, texts
from viz.panels import signed


def model_page(lang=None):
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/models.py").run()
    assert not at.exception, at.exception
    return at


def upload(at, data, name):
    at.file_uploader(key="weights").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def net_file(kind="gru", bidirectional=True, layers=2, **kw):
    net = RecurrentNet.create(kind, 3, 5, num_layers=layers, bidirectional=bidirectional, seed=1, **kw)
    return net, save_net_safetensors(net)


def test_the_example_opens_with_text_input_and_the_lstm_gates():
    at = model_page()
    assert [t.value for t in at.title] == [EN["model_title"]] and len(at.expander) == 5   # each part once + share
    assert "LSTM, 1 layer(s), 256 hidden units, 65 inputs" in texts(at)
    assert at.radio(key="input_source").options == ["text", "random numbers", "CSV of inputs"]
    assert len(at.get("plotly_chart")) == 1
    assert "c_t" in html_bodies(at) or "c(t)" in html_bodies(at)


def test_a_bidirectional_two_layer_gru_shows_its_own_gates_and_both_directions():
    at = upload(model_page(), net_file()[1], "bigru.safetensors")
    assert "GRU, 2 layer(s), 5 hidden units, 3 inputs, bidirectional" in texts(at)
    assert at.radio(key="input_source").options == ["random numbers", "CSV of inputs"]   # no alphabet: no text
    fig = at.get("plotly_chart")[0].proto.spec
    assert all(f'"name":"{g}"' in fig for g in "rznh") and '"name":"f"' not in fig
    at.selectbox(key="layer").set_value(1).run()
    at.radio(key="direction").set_value(1).run()
    assert not at.exception
    step_to(at, 7)
    assert not at.exception and "at step 7" in html_bodies(at)


def test_the_page_shows_the_numbers_the_engine_computes():
    net, data = net_file("lstm", bidirectional=False, layers=1)
    at = upload(model_page(), data, "lstm.safetensors")
    at.number_input(key="random_seed").set_value(3).run()
    x = np.random.default_rng(3).standard_normal((60, 3))
    expected = net.run(x).gates()["h"]
    at.toggle(key="model_downloads").set_value(True).run()
    csv = at.get("download_button")[0].proto
    assert csv.label == EN["download_csv"]
    step_to(at, 59)
    unit = at.selectbox(key="unit").value
    assert f"{expected[59, unit]:+.2f}".lstrip("+") in html_bodies(at)


def test_inputs_from_a_csv_with_one_column_per_input():
    at = upload(model_page(), net_file(bidirectional=False, layers=1)[1], "gru.safetensors")
    at.radio(key="input_source").set_value("csv").run()
    rows = "\n".join(f"{t},{t * 0.1:.2f},{-t},{t % 3}" for t in range(12))
    at.file_uploader(key="inputs_csv").set_value(("x.csv", f"step,a,b,c\n{rows}".encode(), "text/csv")).run()
    assert not at.exception and not at.error
    assert frames(at)["n"] - 1 == 11
    at.file_uploader(key="inputs_csv").set_value(("x.csv", b"a,b\n1,2\n3,4\n", "text/csv")).run()
    assert at.error[0].value == EN["err_input_columns"].format(d=3, found=2, rows=2)


def pickled():
    return pickle.dumps({"weight_ih_l0": np.zeros((4, 4))})


def zip_of_text():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    return buf.getvalue()


def object_npz():
    buf = io.BytesIO()
    np.savez(buf, weight_ih_l0=np.array([{"a": 1}], dtype=object))
    return buf.getvalue()


def lying_header():
    good = save_safetensors({"weight_ih_l0": np.zeros((4, 2), np.float32)})
    return good[:-4]                                        # the header promises 4 more bytes


def nan_weights():
    net = RecurrentNet.create("rnn", 2, 3, seed=0)
    params = net.state_dict()
    params["weight_hh_l0"][0, 0] = np.nan
    return save_safetensors(params)


def int_weights():
    params = {k: v.astype(np.int32) for k, v in RecurrentNet.create("rnn", 2, 3, seed=0).state_dict().items()}
    return save_safetensors(params)


HOSTILE = [("empty.safetensors", lambda: b"", "not_weights"),
           ("model.npz", pickled, "pickle"),
           ("weights.npz", zip_of_text, "not_weights"),
           ("objects.npz", object_npz, "pickle"),
           ("cut.safetensors", lying_header, "damaged"),
           ("nan.safetensors", nan_weights, "non_finite"),
           ("ints.safetensors", int_weights, "dtype"),
           ("conv.safetensors", lambda: save_safetensors({"conv.weight": np.zeros((8, 3, 3, 3), np.float32)}),
            "not_recurrent"),
           ("notes.safetensors", lambda: b"<script>alert(1)</script> not weights at all", "not_weights")]


@pytest.mark.parametrize("name, make, reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_refused_file_is_explained_and_the_session_keeps_working(name, make, reason):
    at = model_page()
    at.radio(key="input_source").set_value("random").run()
    upload(at, make(), name)
    assert at.error[0].value == EN[f"weights_err_{reason}"]
    assert "<script>" not in html_bodies(at)
    at.file_uploader(key="weights").set_value(None).run()      # remove the file: the example comes back
    assert not at.exception and not at.error and len(at.get("plotly_chart")) == 1
    assert at.radio(key="input_source").value == "random"      # the rest of the session is as it was


@pytest.mark.parametrize("name, make, reason", HOSTILE[:5], ids=[h[0] for h in HOSTILE[:5]])
def test_a_refused_file_is_explained_in_chinese(name, make, reason):
    at = upload(model_page("zh"), make(), name)
    assert at.error[0].value == ZH[f"weights_err_{reason}"]


def test_the_example_can_be_switched_off_and_the_page_asks_for_a_file():
    at = model_page("zh")
    at.toggle(key="use_example").set_value(False).run()
    assert not at.exception and ZH["weights_prompt"] in texts(at)


def test_the_bundled_models_are_listed_with_their_held_out_results():
    at = model_page("zh")
    table = at.dataframe[0].value
    assert len(table) == 8
    assert "每字符 2.27 比特" in set(table[ZH["card_held_out"]])


CONVERT = 'weights = torch.load("{name}", map_location="cpu", weights_only=True)'


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["model.pt", "checkpoint.pth"])
def test_a_torch_file_is_taken_and_refused_with_the_reason_and_the_lines_that_convert_it(name, lang):
    at = upload(model_page(lang), pickled(), name)
    table = {"en": EN, "zh": ZH}[lang]
    assert at.error[0].value == table["weights_err_pickle"]
    code = "\n".join(block.value for block in at.code)
    assert "from safetensors.torch import save_file" in code and CONVERT.format(name=name) in code
    assert 'save_model(model, "model.safetensors")' in code      # a whole pickled module
    assert table["pickle_convert"] in texts(at)


def test_a_refused_torch_file_replaces_the_model_that_was_there_and_the_inputs_follow_it():
    at = upload(model_page(), net_file(bidirectional=False, layers=1)[1], "gru.safetensors")
    at.radio(key="input_source").set_value("csv").run()
    rows = "\n".join(f"{t},{t * 0.1:.2f},{-t}" for t in range(12))
    at.file_uploader(key="inputs_csv").set_value(("x.csv", f"a,b,c\n{rows}".encode(), "text/csv")).run()
    assert len(at.get("plotly_chart")) == 1
    upload(at, pickled(), "model.pt")
    assert at.error[0].value == EN["weights_err_pickle"]
    assert "gru.safetensors" not in texts(at)                   # nothing of the file before stays on the page
    assert at.get("plotly_chart") == [] and [r.key for r in at.radio] == ["lang"]
    assert [u.key for u in at.file_uploader] == ["weights"]       # no inputs uploader for a model that is not there
    at.file_uploader(key="weights").set_value(None).run()          # remove it: the example comes back
    assert not at.exception and not at.error                       # no inputs file the browser no longer shows
    source = at.radio(key="input_source")
    assert labels_in_browser(at)["input_source"] == source.options[source.index]   # what the browser shows is used
    assert ("inputs_csv" in [u.key for u in at.file_uploader]) == (source.value == "csv")


# ------------------------------------------------------------------------------- models with an embedding
def embedding_model(vocab=True):
    """A character model with an nn.Embedding (6 characters x 3 numbers) in front of a 4-unit LSTM."""
    return SequenceModel.create("char_lm", 6, 6, seed=2, hidden_size=4, embedding=3,
                                card={"vocab": list("abcde ")} if vocab else {})


def npz_bytes(model):
    buffer = io.BytesIO()
    model.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["npz", "safetensors"])
def test_a_model_with_an_embedding_is_imported_shown_in_the_summary_and_reads_text(fmt):
    model = embedding_model()
    data = npz_bytes(model) if fmt == "npz" else model.safetensors_bytes()
    at = upload(model_page(), data, f"embedded.{fmt}")
    assert not at.error
    assert EN["weights_embedding"].format(rows=6, size=3) in texts(at)
    assert at.radio(key="input_source").options == ["text", "random numbers", "CSV of inputs"]
    at.text_input(key="model_text").set_value("bad cab?").run()
    assert not at.exception and frames(at)["n"] - 1 == 7
    expected = model.net.run(model.text_inputs("bad cab?")[0]).gates()["h"]
    step_to(at, 2)
    unit = at.selectbox(key="unit").value
    bodies = html_bodies(at)
    assert signed(expected[2, unit]) in bodies and "embedding row" in bodies     # h at step 2, as the engine
    step_to(at, 7)
    assert "all zeros" in html_bodies(at)                            # "?" is unknown: the zero vector


def test_an_embedding_without_a_vocabulary_says_text_needs_one_and_feeds_numbers_to_the_lstm():
    at = upload(model_page("zh"), embedding_model(vocab=False).safetensors_bytes(), "embedded.safetensors")
    assert ZH["weights_embedding_tokens"].format(rows=6, size=3) in texts(at)      # characters or words: not known
    assert ZH["vocab_needed"].format(rows=6, size=3) in texts(at)
    assert at.radio(key="input_source").options == [ZH["input_random"], ZH["input_csv"]]
    assert len(at.get("plotly_chart")) == 1 and not at.exception    # random numbers, 3 per step, into the LSTM


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_bundled_cards_name_their_units_with_the_evidence_and_say_how_they_are_stored(lang):
    from lstm_core.bundled import load_bundled
    at = model_page(lang)
    table = {"en": EN, "zh": ZH}[lang]
    cards = at.dataframe[0].value
    storage = dict(zip(cards[table["card_model"]], cards[table["card_storage"]], strict=True))
    assert storage[table["model_char_shakespeare"]] == table["card_storage_text"].format(disk="float16",
                                                                                         loaded="float32")
    first = load_bundled("char_shakespeare").card.units[:2]        # the first model's named units come first
    units = at.dataframe[1].value
    assert list(units[table["card_unit"]])[:2] == [table["card_unit_name"].format(layer=u.layer, state=u.state,
                                                                                  unit=u.unit) for u in first]
    assert list(units[table["card_role"]])[0] == table[f"role_{first[0].feature}"]
    evidence = [f"AUC {u.score:.2f}" if u.metric == "auc" else f"r = {u.score:.2f}" for u in first]
    assert list(units[table["card_evidence"]])[:2] == evidence


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cards_table_shows_each_units_score_on_the_outside_text_and_which_hold_on_both(lang):
    from lstm_core.bundled import load_bundled
    at = model_page(lang)
    table = {"en": EN, "zh": ZH}[lang]
    units = at.dataframe[1].value
    card = load_bundled("char_python").card.units
    rows = [i for i, m in enumerate(units[table["card_model"]]) if m == table["model_char_python"]]
    outside = [list(units[table["card_outside"]])[i] for i in rows]
    both = [list(units[table["card_holds_both"]])[i] for i in rows]
    for u, shown, holds in zip(card, outside, both, strict=True):
        best = max(u.outside_best, 1 - u.outside_best) if u.metric == "auc" else abs(u.outside_best)
        score = f"AUC {u.outside_score:.2f}" if u.metric == "auc" else f"r = {u.outside_score:.2f}"
        assert shown == table["card_outside_score"].format(score=score, best=best)
        assert holds == (table["card_holds_both_yes"] if u.holds_on_both else "")
    speaker = [i for i, r in enumerate(units[table["card_role"]]) if r == table["role_speaker_line"]][0]
    assert list(units[table["card_outside"]])[speaker] == table["card_outside_none"]   # no speaker lines in Ruth
