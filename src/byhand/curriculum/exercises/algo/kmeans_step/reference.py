"""One Lloyd iteration of k-means: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def kmeans_step(X, centroids):
    """Assign each row of X to its nearest centroid (squared Euclidean, ties to
    the lowest index); return each cluster's mean, or the old centroid if empty."""
    X = np.asarray(X, dtype=np.float64)
    C = np.asarray(centroids, dtype=np.float64)
    d2 = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=-1)  # (N, k)
    labels = np.argmin(d2, axis=1)  # the first minimum wins ties
    new = C.copy()
    for j in range(C.shape[0]):
        members = labels == j
        if members.any():
            new[j] = X[members].mean(axis=0)
    return new


def _clear_margins(X, C, margin=1e-6):
    """Keep only the rows of X whose nearest centroid wins clearly, under both
    squared Euclidean and L1 distance, so no rounding can flip an assignment."""
    keep = np.ones(len(X), dtype=bool)
    for dist in (np.sum((X[:, None, :] - C[None]) ** 2, axis=-1),
                 np.sum(np.abs(X[:, None, :] - C[None]), axis=-1)):
        if C.shape[0] > 1:
            two = np.sort(dist, axis=1)[:, :2]
            keep &= two[:, 1] - two[:, 0] > margin * (1.0 + two[:, 0])
    return X[keep]


def _blobs(rng, n, d, k, spread=1.0):
    centers = rng.normal(size=(k, d)) * 4.0
    X = centers[rng.integers(0, k, size=n)] + rng.normal(size=(n, d)) * spread
    C = X[rng.choice(n, size=k, replace=False)] + rng.normal(size=(k, d)) * 0.1
    return _clear_margins(X, C), C


def cases(rng):
    out = [
        Case(_blobs(rng, 20, 2, 3), name="random, 2-D, k=3"),
        Case(_blobs(rng, 60, 5, 4, spread=2.0), name="random, 5-D, k=4"),
        Case(_blobs(rng, 15, 1, 2), name="random, 1-D"),
        Case(_blobs(rng, 80, 8, 6, spread=3.0), name="random, 8-D, k=6"),
    ]
    X = rng.normal(size=(12, 3))
    out.append(Case((X, np.array([[0.5, -0.2, 0.1]])), name="k=1: the mean of all points"))
    # centroid 2 is far from every point, so its cluster is empty
    X, C = _blobs(rng, 16, 2, 2)
    C = np.vstack([C, [[50.0, -50.0]]])
    out.append(Case((X, C), name="one empty cluster"))
    # one point, two centroids: the second cluster is empty
    out.append(Case((np.array([[1.0, 2.0]]), np.array([[0.0, 0.0], [5.0, 5.0]])), name="one point"))
    # the point [1, 0] is at squared distance 1 from both centroids: it joins centroid 0
    out.append(Case((np.array([[1.0, 0.0], [-1.0, 0.5], [3.0, -0.5]]), np.array([[0.0, 0.0], [2.0, 0.0]])),
                    name="a tie goes to the lower index"))
    # [0, 0] is nearer to [2, 2] in Euclidean distance (8 < 8.41) but to [2.9, 0] in L1 (2.9 < 4)
    X = np.array([[0.0, 0.0], [3.0, 0.5], [2.5, -0.5], [2.5, 2.5], [1.5, 2.0]])
    out.append(Case((X, np.array([[2.9, 0.0], [2.0, 2.0]])), name="Euclidean and L1 disagree"))
    return out


# --- known mistakes ----------------------------------------------------------

def _empty_cluster_nan(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    return np.array([X[labels == j].mean(axis=0) for j in range(len(centroids))])


def _empty_cluster_zero(X, centroids):
    k, d = centroids.shape
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    sums = np.zeros((k, d))
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)
    return sums / np.maximum(counts, 1)[:, None]


def _empty_cluster_zeros_init(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = d2.argmin(axis=1)
    new = np.zeros_like(centroids)  # a cluster that gets no point is never filled in
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return new


def _l1_distance(X, centroids):
    dist = np.abs(X[:, None, :] - centroids[None, :, :]).sum(axis=2)
    labels = dist.argmin(axis=1)
    new = centroids.copy()
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return new


def _returns_assignments(X, centroids):
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return d2.argmin(axis=1)


def _ties_to_last(X, centroids):
    labels = []
    for x in X:
        best, best_d = 0, np.inf
        for j, c in enumerate(centroids):
            dist = np.sum((x - c) ** 2)
            if dist <= best_d:  # a tie moves the point to the later centroid
                best, best_d = j, dist
        labels.append(best)
    labels = np.array(labels)
    new = centroids.copy()
    for j in range(len(centroids)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return new


MISTAKES = {
    "empty-cluster-nan": _empty_cluster_nan,
    "empty-cluster-zero": [_empty_cluster_zero, _empty_cluster_zeros_init],
    "l1-distance": _l1_distance,
    "returns-assignments": _returns_assignments,
    "ties-to-last": _ties_to_last,
}
