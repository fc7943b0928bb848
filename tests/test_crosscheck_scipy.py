"""Statistics and special-function references agree with SciPy."""

import numpy as np
import pytest

from crosscheck import reference, require

stats = require("scipy.stats", "the statistics references are compared with SciPy")
special = require("scipy.special", "the special-function references are compared with SciPy")
rng = np.random.default_rng(99)


def test_logsumexp_sigmoid_gelu_log_pdf():
    x = rng.normal(size=(4, 6)) * 30
    np.testing.assert_allclose(reference("logsumexp")(x), special.logsumexp(x, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(reference("sigmoid")(x), special.expit(x), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(reference("gelu")(x / 10), x / 10 * stats.norm.cdf(x / 10), rtol=1e-12)
    mu, sigma = rng.normal(size=6), rng.uniform(0.1, 3, size=6)
    np.testing.assert_allclose(reference("gaussian_log_pdf")(x, mu, sigma),
                               stats.norm.logpdf(x, mu, sigma), rtol=1e-12)


def test_entropy_and_kl():
    p, q = rng.dirichlet(np.ones(5), size=3), rng.dirichlet(np.ones(5), size=3)
    p[0, 1] = 0
    p[0] /= p[0].sum()
    np.testing.assert_allclose(reference("entropy")(p), stats.entropy(p, axis=-1), rtol=1e-12)
    np.testing.assert_allclose(reference("kl_divergence")(p, q), stats.entropy(p, q, axis=-1), rtol=1e-12)


@pytest.mark.parametrize("n", [2, 5, 40])
def test_t_interval_and_paired_test(n):
    a, b = rng.normal(size=n), rng.normal(size=n) + 0.3
    low, high = reference("t_confidence_interval")(a, level=0.9)
    exp = stats.t.interval(0.9, n - 1, loc=a.mean(), scale=stats.sem(a))
    np.testing.assert_allclose([low, high], exp, rtol=1e-10)
    t_ours, p_ours = reference("paired_t_test")(a, b)
    res = stats.ttest_rel(a, b)
    np.testing.assert_allclose([t_ours, p_ours], [res.statistic, res.pvalue], rtol=1e-10)


def test_variance_standard_error_correlation_welch():
    x, y = rng.normal(size=30), rng.normal(size=30)
    np.testing.assert_allclose(reference("sample_variance")(x), stats.tvar(x), rtol=1e-12)
    np.testing.assert_allclose(reference("standard_error")(x), stats.sem(x), rtol=1e-12)
    np.testing.assert_allclose(reference("pearson_correlation")(x, y), stats.pearsonr(x, y).statistic, rtol=1e-12)
    a, b = rng.normal(size=12), rng.normal(size=20) * 3
    t_ours, _df = reference("two_sample_welch_t")(a, b)
    np.testing.assert_allclose(t_ours, stats.ttest_ind(a, b, equal_var=False).statistic, rtol=1e-12)


def test_binomial_pmf():
    k = np.arange(0, 31)
    np.testing.assert_allclose(reference("binomial_pmf")(k, 30, 0.3), stats.binom.pmf(k, 30, 0.3), rtol=1e-10)


@pytest.mark.parametrize("n", [1, 3, 6])
def test_lu_partial_pivoting_matches_scipy(n):
    linalg = require("scipy.linalg", "the factorizations are compared with SciPy")
    A = rng.normal(size=(n, n))
    P, L, U = reference("lu_partial_pivoting")(A)
    p, l, u = linalg.lu(A)  # SciPy's convention: A = p l u
    np.testing.assert_allclose(P, p.T)
    np.testing.assert_allclose(L, l, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(U, u, rtol=1e-12, atol=1e-14)


def test_cholesky_logdet_matches_scipy():
    linalg = require("scipy.linalg", "the factorizations are compared with SciPy")
    X = rng.normal(size=(5, 8))
    A = X @ X.T / 8 + 0.1 * np.eye(5)
    L, logdet = reference("cholesky_logdet")(A)
    np.testing.assert_allclose(L, linalg.cholesky(A, lower=True), rtol=1e-12, atol=1e-14)
    sign, expected = np.linalg.slogdet(A)
    assert sign == 1
    np.testing.assert_allclose(logdet, expected, rtol=1e-12)


@pytest.mark.parametrize("n_iter", [1, 3, 6])
def test_conjugate_gradient_matches_scipy(n_iter):
    sparse_linalg = require("scipy.sparse.linalg", "conjugate gradient is compared with SciPy")
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    A = Q @ np.diag(np.geomspace(1.0, 50.0, 6)) @ Q.T
    b, x0 = rng.normal(size=6), rng.normal(size=6)
    expected, _info = sparse_linalg.cg(A, b, x0=x0, rtol=0.0, atol=0.0, maxiter=n_iter)
    np.testing.assert_allclose(reference("conjugate_gradient")(A, b, x0, n_iter), expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("shape, rank", [((5, 3), 3), ((3, 6), 3), ((6, 4), 2)])
def test_pseudoinverse_matches_scipy_and_numpy(shape, rank):
    linalg = require("scipy.linalg", "the pseudoinverse is compared with SciPy")
    A = rng.normal(size=(shape[0], rank)) @ rng.normal(size=(rank, shape[1]))
    ours = reference("pseudoinverse_svd")(A, rcond=1e-10)
    np.testing.assert_allclose(ours, linalg.pinv(A, atol=0.0, rtol=1e-10), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours, np.linalg.pinv(A, rcond=1e-10), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("p", [-1.0, -0.5, -0.25, 0.5, 2.0])
def test_symmetric_matrix_power_matches_scipy(p):
    linalg = require("scipy.linalg", "matrix functions are compared with SciPy")
    X = rng.normal(size=(4, 7))
    A = X @ X.T / 7 + 0.2 * np.eye(4)
    ours = reference("symmetric_matrix_power")(A, p)
    np.testing.assert_allclose(ours, np.real(linalg.fractional_matrix_power(A, p)), rtol=1e-9, atol=1e-12)
    if p == 0.5:
        np.testing.assert_allclose(ours, linalg.sqrtm(A), rtol=1e-9, atol=1e-12)
