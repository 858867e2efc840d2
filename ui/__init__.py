"""Streamlit-side helpers: session state, caching, shared widgets. ``analysis/`` never imports this."""
