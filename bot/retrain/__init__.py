"""`make retrain`: check the FAQs, train a candidate, evaluate it, gate it,
publish it live."""
