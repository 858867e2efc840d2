"""文鉴 Wenjian — analysis of Chinese news article collections (pure Python; no Streamlit here)."""

__version__ = "0.1.0"
