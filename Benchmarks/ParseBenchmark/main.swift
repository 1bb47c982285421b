// Replaced by the parse-and-validate benchmark.
print("ParseBenchmark: not yet written")
