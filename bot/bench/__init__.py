"""`make bench` (`python -m bot.bench`): accuracy, red-flag detection, speed and memory.

Writes docs/benchmarks.md and its charts (docs/bench-*.png). The metrics come from
bot.evaluation (the one copy of them); this package trains the pipelines, runs
them and writes the numbers down. Not part of `make test` (it takes ~20 minutes);
`python -m bot.bench --quick` is a 5-minute smoke run with meaningless numbers.

Modules: plan (full vs quick settings), data (training data, folds, red-flag
cases), configs (epoch overrides), baseline (TF-IDF nearest neighbour), rasa_runs
(training and parsing with Rasa), load (REST latency, throughput, memory),
report (markdown and charts), progress (what the terminal shows).
"""
