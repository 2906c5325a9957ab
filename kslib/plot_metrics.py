def metric_panel(m): pass
def plot_indicator_panel(*a, **k): pass
def plot_metric_bars(*a, **k): pass
def plot_targets_vs_actuals(*a, **k): pass
