"""Domain functions of insights: targets, ecosystem aggregates, the cluster network and
open-innovation calls."""
