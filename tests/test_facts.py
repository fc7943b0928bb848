"""Factual claims in the curriculum that were once wrong stay right (issue 12).

Each test names the wrong claim (its exact phrase must be absent) and the
right one (it must be present), in English and in Korean."""

import warnings

import numpy as np

from byhand.content.loader import load_exercise, load_item


def _all_text(item_id: str, lang: str) -> str:
    t = load_exercise(item_id).t(lang)
    return "\n".join([t.title, t.equation, t.explanation, t.where_used, t.hint])


# --- dft: wav2vec has no STFT front end; LEAF learns Gabor filters -------------------------

def test_dft_does_not_put_wav2vec_behind_an_stft():
    for lang in ("en", "ko"):
        where = load_exercise("dft").t(lang).where_used
        assert "wav2vec-style feature extractors" not in where
        assert "wav2vec 계열의 특징 추출기" not in where
        # where wav2vec is named, it is as a model that reads the raw waveform with a CNN
        if "wav2vec" in where:
            assert "CNN" in where
    assert "raw waveform" in load_exercise("dft").t("en").where_used
    assert "파형" in load_exercise("dft").t("ko").where_used


def test_dft_says_leaf_learns_gabor_filters_not_exactly_these_sinusoids():
    en = load_exercise("dft").t("en").where_used
    ko = load_exercise("dft").t("ko").where_used
    assert "exactly these sinusoidal filters" not in en
    assert "바로 이 정현파 필터에서 출발" not in ko
    assert "Gabor" in en and "Gabor" in ko
    assert "mel filterbank" in en and "멜 필터뱅크" in ko  # LEAF is initialized to approximate one


# --- pearson_correlation: ±1 iff y = a + b·x with b ≠ 0; a constant vector gives 0/0 -------

def test_pearson_does_not_say_any_linear_function_gives_plus_minus_one():
    en = load_exercise("pearson_correlation").t("en").explanation
    ko = load_exercise("pearson_correlation").t("ko").explanation
    assert "exactly when y is a linear function of x" not in en
    assert "y가 x의 일차함수일 때 정확히 ±1" not in ko
    assert "b ≠ 0" in en and "b ≠ 0" in ko


def test_pearson_states_the_zero_variance_case_and_what_to_return():
    en = load_exercise("pearson_correlation").t("en").explanation
    ko = load_exercise("pearson_correlation").t("ko").explanation
    assert "constant" in en and "0/0" in en and "nan" in en
    assert "상수" in ko and "0/0" in ko and "nan" in ko


def test_pearson_reference_returns_nan_on_a_constant_vector_as_its_text_says():
    ref = load_exercise("pearson_correlation").reference
    x = np.arange(3.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # 0.1 × 3 rounds: a plain mean leaves deviations of ~1e-17 and r came out 0.0
        for y in (np.full(3, 0.1), np.full(7, 2.0), np.full(10, 0.7)):
            xs = np.arange(float(len(y)))
            assert np.isnan(ref(xs, y)) and np.isnan(ref(y, xs))
        assert np.isnan(ref(np.full(3, 5.0), np.full(3, 5.0)))
    assert ref(x, 3.0 - 2.0 * x) == -1.0


# --- found in the review of items that name a paper, a library default or a model ----------

def test_sample_variance_does_not_say_layernorm_keeps_running_statistics():
    en = load_exercise("sample_variance").t("en").where_used
    ko = load_exercise("sample_variance").t("ko").where_used
    assert "BatchNorm and LayerNorm keep" not in en
    assert "BatchNorm, LayerNorm이 유지하는" not in ko
    assert "LayerNorm keeps no running statistics" in en
    assert "LayerNorm은 이동 통계량을 유지하지 않습니다" in ko


def test_hz_to_mel_states_the_1127_rounding_error_it_really_has():
    rel = abs(1127 / (2595 / np.log(10)) - 1)  # 5.2e-6
    assert f"{rel:.0e}" == "5e-06"
    for lang, phrase in (("en", "about 5·10⁻⁶ relative"), ("ko", "약 5·10⁻⁶")):
        text = load_exercise("hz_to_mel").t(lang).explanation
        assert "3·10⁻⁶" not in text and phrase in text


def _cases(item_id, seed=0):
    return load_exercise(item_id).make_cases(np.random.default_rng(seed))


def test_hz_to_mel_case_names_say_what_the_inputs_are():
    cases = {c.name: c for c in _cases("hz_to_mel")}
    # equally spaced in Hz, so not the band edges of a mel filterbank (those are equally spaced in mel)
    assert not any("band edges" in name for name in cases)
    f = cases["82 equally spaced frequencies, 0 to 8 kHz"].args[0]
    assert f.shape == (82,) and f[0] == 0 and f[-1] == 8000 and np.allclose(np.diff(f), np.diff(f)[0])
    assert not any("grid" in name for name in cases)  # random draws, not a grid
    grid = cases["2-D array of random frequencies, 20 Hz to 20 kHz"].args[0]
    assert grid.ndim == 2 and grid.min() >= 20 and grid.max() <= 20000
    assert not any("grid" in c.name for c in _cases("mel_to_hz"))


def test_chroma_case_between_b_and_c_names_the_class_of_each_frequency():
    case = next(c for c in _cases("chroma_from_frequency") if c.name.startswith("between B and C"))
    assert "255, 258 Hz round up to C" in case.name and "250, 505 Hz round to B" in case.name
    freqs = case.args[0]
    classes = np.mod(np.round(12 * np.log2(freqs / 440) + 9), 12)
    assert dict(zip(freqs.tolist(), classes.tolist())) == {250.0: 11, 255.0: 0, 258.0: 0, 505.0: 11}
    ref = load_exercise("chroma_from_frequency").reference
    chroma = ref(*case.args)
    assert chroma[0] == 2.0 and chroma[11] == 2.0  # the four magnitudes are 1


def test_adamw_does_not_say_bert_and_gpt_were_trained_with_torch_optim():
    # the original BERT and GPT were trained in TensorFlow; AdamW is the algorithm
    en = load_exercise("adamw_step").t("en").where_used
    ko = load_exercise("adamw_step").t("ko").where_used
    assert "are trained with torch.optim.AdamW" not in en and "torch.optim.AdamW로 학습" not in ko
    assert "trained with AdamW (torch.optim.AdamW in PyTorch)" in en
    assert "AdamW(PyTorch에서는 torch.optim.AdamW)로 학습" in ko


def test_multi_head_attention_concept_splits_heads_with_reshape_and_transpose():
    # a single reshape (B, n, d) -> (B, h, n, d/h) mixes positions (the exercise's
    # split-without-transpose mistake); the concept must not recommend it
    for lang, phrase in (("en", "followed by a transpose"), ("ko", "전치")):
        text = load_item("multi-head-attention").t(lang).where_used
        assert "(B, n, h, d/h)" in text and phrase in text
    assert "a reshape (B, n, d) → (B, h, n, d/h)," not in load_item("multi-head-attention").t("en").where_used


def test_residual_connection_names_post_ln_for_the_original_transformer():
    for lang in ("en", "ko"):
        text = load_item("residual-connection").t(lang).where_used
        # The mathematics is LaTeX since issue 13: compare with the operator names as written.
        assert r"$x + \operatorname{Sublayer}(\operatorname{LN}(x))$" in text
        assert r"$\operatorname{LN}(x + \operatorname{Sublayer}(x))$" in text and "pre-LN" in text


def test_correlation_concept_states_the_zero_variance_case():
    en = load_item("correlation").t("en").definition
    ko = load_item("correlation").t("ko").definition
    assert "undefined ($0/0$) when $X$ or $Y$ is constant" in en
    assert "상수이면 $0/0$" in ko and "정의되지 않습니다" in ko
