"""The evaluation report of a model, for people: reports/<model>.md, its chart,
reports/latest.md.

The metrics come from bot.evaluation (the one copy of them); this module only
stores a model's predictions (reports/<model>.json) and writes them up, side by
side with the model it would replace.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.evaluation import FAQ_PREFIX, Prediction, Report, faq_id
from bot.settings import PROJECT_ROOT

REPORTS = PROJECT_ROOT / "reports"


@dataclass(frozen=True)
class Comparison:
    """A report's subject: the new model, the live one it would replace, the verdict."""

    new: Report
    new_name: str
    old: Report | None
    old_name: str | None
    decision_lines: list[str]
    conversations: str  # the conversation tests' summary, or "-"
    holdout: str  # the held-out set's path


def save_predictions(
    report: Report, model: str, holdout: str, folder: Path = REPORTS
) -> Path:
    """Stores a model's predictions on the held-out set (`holdout`: its checksum)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model}.json"
    document = {
        "model": model,
        "holdout": holdout,
        "predictions": [asdict(p) for p in report.predictions],
    }
    path.write_text(
        json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    return path


def load_predictions(model: str, holdout: str, folder: Path = REPORTS) -> Report | None:
    """The stored report of a model on this held-out set, or None if there is none."""
    path = folder / f"{model}.json"
    if not path.exists():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("holdout") != holdout:
        return None  # evaluated on other questions: not comparable
    return Report([Prediction(**p) for p in document["predictions"]])


def save_fingerprints(
    fingerprints: dict[str, str], model: str, folder: Path = REPORTS
) -> Path:
    """Stores the FAQ fingerprints (bot.faqtool.source.fingerprint) a model was
    trained on, so that a later report can tell which FAQs were edited since."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model}.faqs.json"
    path.write_text(json.dumps(fingerprints, indent=1, sort_keys=True), "utf-8")
    return path


def load_fingerprints(model: str, folder: Path = REPORTS) -> dict[str, str] | None:
    """The FAQ fingerprints a model was trained on, or None if they were not kept
    (a model trained by `make train` rather than `make retrain`)."""
    path = folder / f"{model}.faqs.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def edited_faqs(
    old: dict[str, str] | None, new: dict[str, str]
) -> frozenset[str] | None:
    """FAQ ids added, removed or whose questions or answer changed (None: unknown)."""
    if old is None:
        return None
    return frozenset(i for i in {*old, *new} if old.get(i) != new.get(i))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _quote(text: str) -> str:
    """A question quoted for a Markdown table cell."""
    return '"' + text.replace("|", "\\|") + '"'


def _faq_labels(*reports: Report | None) -> list[str]:
    labels = {label for r in reports if r for label in r.per_label}
    return sorted(label for label in labels if label.startswith(FAQ_PREFIX))


def f1_changes(old: Report, new: Report) -> list[tuple[str, float, float]]:
    """(FAQ, old F1, new F1) of every FAQ whose F1 on the held-out set went down."""
    out = []
    for label in _faq_labels(old, new):
        before = old.per_label.get(label, {}).get("f1", 0.0)
        after = new.per_label.get(label, {}).get("f1", 0.0)
        if after < before - 1e-9:
            out.append((label, before, after))
    return sorted(out, key=lambda row: row[2] - row[1])


def newly_wrong(old: Report, new: Report, label: str) -> list[Prediction]:
    """Held-out questions of a label the old model got right
    and the new one gets wrong."""
    right_before = {
        p.text for p in old.predictions if p.label == label and p.predicted == label
    }
    return [
        p
        for p in new.predictions
        if p.label == label and p.predicted != label and p.text in right_before
    ]


def chart(
    old: Report | None, new: Report, old_name: str, new_name: str, out: Path
) -> Path:
    """A PNG bar chart of per-FAQ F1, the live model next to the new one."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = _faq_labels(old, new)
    height = 0.38
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.32 * len(labels)))
    positions = range(len(labels))
    new_f1 = [new.per_label.get(label, {}).get("f1", 0.0) for label in labels]
    if old is not None:
        old_f1 = [old.per_label.get(label, {}).get("f1", 0.0) for label in labels]
        ax.barh(
            [y + height / 2 for y in positions],
            old_f1,
            height,
            label=f"live ({old_name})",
            color="#b0b0b0",
        )
    ax.barh(
        [y - height / 2 for y in positions],
        new_f1,
        height,
        label=f"new ({new_name})",
        color="#2a6fb0",
    )
    ax.set_yticks(list(positions))
    ax.set_yticklabels([faq_id(label) for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.0)
    ax.set_xlabel("F1 on the held-out questions (1.0 = every question answered right)")
    ax.set_title("Per-FAQ F1", pad=22)
    # above the bars, which reach the right edge
    ax.legend(
        loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=8, frameon=False
    )
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out


def markdown(comparison: Comparison, chart_file: str) -> str:
    """The Markdown report: decision, overall figures, FAQs that got worse,
    per-FAQ table, confusions."""
    new, new_name, old = comparison.new, comparison.new_name, comparison.old
    holdout, conversations = comparison.holdout, comparison.conversations
    live = comparison.old_name or "none"
    lines = [
        f"# Model report: {new_name}",
        "",
        (
            f"New model **{new_name}** compared with the live model "
            f"**{live}** on the held-out questions ({holdout}, "
            f"{len(new.predictions)} questions neither model was trained on)."
        ),
        "",
        *comparison.decision_lines,
        "",
        "## Overall",
        "",
        f"| | live ({live}) | new ({new_name}) |",
        "|---|---:|---:|",
        (
            "| accuracy, all held-out questions | "
            f"{_pct(old.accuracy if old else None)} | {_pct(new.accuracy)} |"
        ),
        (
            "| right FAQ answer (response selection) "
            f"| {_pct(old.faq_accuracy if old else None)} | {_pct(new.faq_accuracy)} |"
        ),
        f"| macro F1 | {_num(old.macro_f1 if old else None)} | {_num(new.macro_f1)} |",
        (
            f"| red flags escalated | {_pct(old.red_flag_recall if old else None)} "
            f"| {_pct(new.red_flag_recall)} |"
        ),
        f"| conversation tests | - | {conversations} |",
        "",
    ]
    if old is not None:
        worse = f1_changes(old, new)
        lines += ["## FAQs that got worse", ""]
        if not worse:
            lines += ["None: no FAQ has a lower F1 than with the live model.", ""]
        else:
            lines += [
                "| FAQ | F1 live | F1 new | held-out questions now answered wrongly |",
                "|---|---:|---:|---|",
            ]
            for label, before, after in worse:
                examples = "; ".join(
                    f"{_quote(p.text)} -> {p.predicted}"
                    for p in newly_wrong(old, new, label)[:3]
                )
                lines.append(
                    f"| {label} | {before:.2f} | {after:.2f} | {examples or '-'} |"
                )
            lines.append("")
    lines += [
        "## Per-FAQ precision, recall and F1",
        "",
        f"![per-FAQ F1]({chart_file})",
        "",
        (
            "| FAQ | questions | precision live | precision "
            "new | recall live | recall new | F1 live | F1 new |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label in _faq_labels(old, new):
        n = new.per_label.get(label, {})
        o = old.per_label.get(label, {}) if old else {}
        lines.append(
            f"| {label} | {int(n.get('support', 0))} | {_num(o.get('precision'))} "
            f"| {_num(n.get('precision'))} | {_num(o.get('recall'))} | "
            f"{_num(n.get('recall'))} | {_num(o.get('f1'))} | {_num(n.get('f1'))} |"
        )
    lines += ["", "## Most confused pairs (new model)", ""]
    confusions = new.confusions(top=10)
    if not confusions:
        lines.append("None: every held-out question got its label.")
    else:
        lines += [
            "| asked about | answered as | times | example questions |",
            "|---|---|---:|---|",
        ]
        for (asked, answered), texts in confusions:
            examples = "; ".join(_quote(t) for t in texts[:3])
            lines.append(f"| {asked} | {answered} | {len(texts)} | {examples} |")
    return "\n".join(lines) + "\n"


def write(comparison: Comparison, folder: Path = REPORTS) -> Path:
    """Writes reports/<new_name>.md with its chart,
    and the same as reports/latest.md."""
    folder.mkdir(parents=True, exist_ok=True)
    new_name = comparison.new_name
    png = chart(
        comparison.old,
        comparison.new,
        comparison.old_name or "none",
        new_name,
        folder / f"{new_name}-f1.png",
    )
    text = markdown(comparison, png.name)
    path = folder / f"{new_name}.md"
    path.write_text(text, encoding="utf-8")
    (folder / "latest.md").write_text(text, encoding="utf-8")
    return path
