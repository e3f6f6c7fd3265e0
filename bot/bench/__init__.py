"""`make bench` (`python -m bot.bench`): accuracy, red-flag detection, speed and memory.

Writes docs/benchmarks.md and its charts (docs/bench-*.png). The metrics come from
bot.evaluation (the one copy of them); this package trains the pipelines, runs
them and writes the numbers down. Not part of `make test`: a full run took 75
minutes on 2 shared cores (Rasa's default pipeline's full training alone: 24).
`python -m bot.bench --quick` (3 epochs, 2 folds) checks the machinery in about
20 minutes, with meaningless numbers; `--render var/bench/last-run.pickle`
rewrites the report from the last run's measurements without measuring again.

Modules: plan (full vs quick settings), data (training data, folds, red-flag
cases), configs (epoch overrides), baseline (TF-IDF nearest neighbour), rasa_runs
(training and parsing with Rasa), load (REST latency, throughput, memory),
realistic (the clinic's conversation runner on the realistic held-out set and the
public samples, and the TF-IDF baseline on them), model_swap (the staff workflow:
from "FAQ added" to "new model live", and what patients see meanwhile),
report (markdown and charts), progress (what the terminal shows).
"""
