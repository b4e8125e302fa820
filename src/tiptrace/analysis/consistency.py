"""'Like cases alike': is a country's tier far from what its GSI indicators would predict?

Two views for one report year: an ordinal logistic regression of tier on the indicators of the
matching GSI edition (statsmodels' OrderedModel), and nearest neighbours in indicator space whose
tiers differ by two or more steps.
"""

from __future__ import annotations

import math
from typing import Any

from .tiers import ORDERED, STEP

FEATURES = ("prevalence_per_1000", "vulnerability", "government_response")
CAVEAT = ("The GSI indicators do not capture everything the statute weighs (prosecutions, victim "
          "protection, prevention efforts during the reporting period, official complicity); a "
          "tier far from the prediction is a question to ask, not an error found.")


def method_note(year: int, edition: int) -> str:
    return (f"Ordinal logistic regression (statsmodels OrderedModel, logit link) of the {year} TIP "
            f"tier (1 < 2 < 2WL < 3; Special Cases excluded) on the standardised GSI {edition} "
            "indicators prevalence per 1,000 (log), vulnerability and government response. "
            "Countries with any indicator missing are left out. Outliers: official tier two or "
            "more steps from the most likely predicted tier. Neighbours: Euclidean distance on "
            "the same standardised indicators.")


def _matrix(gsi_rows, tier_rows):
    tiers = {r["iso3"]: r["tier"] for r in tier_rows if r["tier"] in STEP}
    data = []
    for r in gsi_rows:
        if r["iso3"] in tiers and all(r.get(f) is not None for f in FEATURES):
            x = [math.log1p(r["prevalence_per_1000"]), r["vulnerability"], r["government_response"]]
            data.append((r["iso3"], r.get("country"), tiers[r["iso3"]], x))
    return data


def _standardise(rows: list[list[float]]) -> list[list[float]]:
    cols = list(zip(*rows, strict=True))
    means = [sum(c) / len(c) for c in cols]
    sds = [math.sqrt(sum((v - m) ** 2 for v in c) / (len(c) - 1)) or 1.0
           for c, m in zip(cols, means, strict=True)]
    return [[(v - m) / s for v, m, s in zip(r, means, sds, strict=True)] for r in rows]


def analyse(gsi_rows: list[dict[str, Any]], tier_rows: list[dict[str, Any]], year: int,
            edition: int, max_distance: float = 0.5, min_steps: int = 2) -> dict[str, Any]:
    data = _matrix(gsi_rows, tier_rows)
    if len(data) < 20:
        raise ValueError(f"only {len(data)} countries have both a {year} tier and every GSI "
                         f"{edition} indicator; too few to fit")
    import numpy as np
    import pandas as pd
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    X = np.array(_standardise([d[3] for d in data]))
    labels = [d[2] for d in data]
    y = pd.Series(pd.Categorical(labels, categories=list(ORDERED), ordered=True))
    present = [t for t in ORDERED if t in set(labels)]
    y = y.cat.set_categories(present, ordered=True)
    model = OrderedModel(y, pd.DataFrame(X, columns=list(FEATURES)), distr="logit")
    fit = model.fit(method="bfgs", disp=False, maxiter=500)
    probs = np.asarray(fit.predict(pd.DataFrame(X, columns=list(FEATURES))))
    countries = []
    for (iso3, name, tier, _), p in zip(data, probs, strict=True):
        predicted = present[int(p.argmax())]
        dist = {t: round(float(v), 4) for t, v in zip(present, p, strict=True)}
        countries.append({
            "country": iso3, "name": name, "tier": tier, "predicted": predicted,
            "steps_from_prediction": STEP[tier] - STEP[predicted],
            "probability_of_official_tier": dist[tier], "distribution": dist,
        })
    outliers = sorted((c for c in countries if abs(c["steps_from_prediction"]) >= min_steps),
                      key=lambda c: (c["probability_of_official_tier"], c["country"]))
    pairs = []
    for i in range(len(data)):
        for j in range(i + 1, len(data)):
            d = float(np.linalg.norm(X[i] - X[j]))
            gap = abs(STEP[data[i][2]] - STEP[data[j][2]])
            if d <= max_distance and gap >= min_steps:
                pairs.append({"a": data[i][0], "a_tier": data[i][2], "b": data[j][0],
                              "b_tier": data[j][2], "distance": round(d, 3), "steps": gap})
    pairs.sort(key=lambda p: (p["distance"], p["a"], p["b"]))
    return {
        "report_year": year, "edition": edition, "n": len(data),
        "coefficients": {k: round(float(v), 4) for k, v in fit.params.items()},
        "pseudo_r2": round(float(fit.prsquared), 4) if hasattr(fit, "prsquared") else None,
        "outliers": outliers, "neighbour_pairs": pairs, "countries": countries,
        "method": method_note(year, edition), "caveat": CAVEAT,
    }
