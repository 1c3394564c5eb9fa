"""/models: a Keras 3 upload (.keras or .weights.h5) turned into the weights the page steps through.

Layers of one kind and width become one network with the page's layer picker; layers of different widths (LSTM(64)
then LSTM(32)) get a picker of their own here, each layer shown as a network of its own fed by the layers before it.
What the file does not say (a SimpleRNN's activation in a .weights.h5) is asked, and what is not run is said."""
import streamlit as st

from app_pages.common import T, option_labels, per_view
from lstm_core.model import SequenceWeights
from lstm_core.weights_io import ZIP_MAGICS
from readers.keras import KerasError, looks_like_keras, read_keras
from viz.text_view import md_escape

KERAS_SUFFIXES = (".keras", ".h5", ".hdf5")


def is_keras_upload(data, filename):
    """A Keras file by its content; or a file named like one whose content is no other format the page reads
    (an .npz, .safetensors or pickle renamed .h5 is read, or refused, as what it is), so that its refusal speaks
    of Keras files."""
    if looks_like_keras(data):
        return True
    other = data[:4] in ZIP_MAGICS or data[8:9] == b"{" or data[:1] == b"\x80"   # npz, safetensors, pickle
    return str(filename).lower().endswith(KERAS_SUFFIXES) and not other


def keras_weights(data, filename, key):
    """-> (weights key, SequenceWeights) for the layer chosen on the page, or None after explaining a refusal."""
    try:
        model = per_view("keras", key, lambda: read_keras(data, filename))
    except KerasError as err:
        st.error(T(f"weights_err_{err.reason}", **{k: md_escape(str(v)) for k, v in err.details.items()}))
        st.caption(T("weights_err_detail", detail=md_escape(str(err))))
        return None
    activation = "tanh"
    if not all(layer.activation_known for layer in model.layers):
        activation = st.radio(T("keras_activation"), ["tanh", "relu"], key="keras_activation", horizontal=True,
                              help=T("keras_activation_help"), format_func=option_labels("keras_act_",
                                                                                         "keras_activation"))
        st.caption(T("keras_activation_note", activation=T(f"keras_act_{activation}")))
        model = model.with_activation(activation)
    st.caption(T("keras_layers", layers=" → ".join(layer_name(k, la) for k, la in enumerate(model.layers))))
    if model.not_run:
        st.caption(T("keras_not_run", layers=md_escape(", ".join(model.not_run)),
                     inputs=model.chain.input_size))
    chain = model.chain
    net, k = chain.merged(), 0
    if net is None:
        k = st.selectbox(T("keras_layer"), range(len(model.layers)), key="keras_layer",
                         format_func=lambda i: layer_name(i, model.layers[i], escape=False),
                         help=T("keras_layer_help"))
        net = chain.stage(k)
        if k:
            before = model.layers[k - 1].net.config
            st.caption(T("keras_chain_fed", layer=k + 1, previous=k, width=before.output_size * before.directions,
                         inputs=chain.input_size))
    card = model.card()
    weights = SequenceWeights(net=net, card=card, embedding=None, head_weight=None, head_bias=None, vocab=None,
                              names={"rnn": "keras", "embedding": None, "head.weight": None, "head.bias": None,
                                     "ambiguous": []}, model=None,
                              nonlinearity_from="file")      # the file's config or the choice above says it
    return f"{key}:keras:{k}:{activation}", weights


def layer_name(k, layer, escape=True):
    """'1. LSTM “lstm”, 8 units' ('SimpleRNN, relu'): the file's layer name escaped for Markdown (not in a
    selectbox's labels)."""
    cfg = layer.net.config
    label = f"{layer.label}, {cfg.nonlinearity}" if cfg.kind == "rnn" else layer.label
    return T("keras_layer_option", n=k + 1, layer=label, name=md_escape(layer.name) if escape else layer.name,
             units=cfg.hidden_size)
