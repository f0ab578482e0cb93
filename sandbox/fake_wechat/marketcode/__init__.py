"""一物一码 in the fake: code batches, their encrypted packages, activations and scans."""
