"""Figure builders by area (``analysis.figures.agencies`` …) and the layouts they share."""
