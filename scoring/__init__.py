"""The planning rules: indicators, five flags, grades, park score, choice of three.

Plain Python (never imports Streamlit). Arrives with the screening and retrofit issues; the
thresholds and weights it will use already live in ``config/defaults.toml``.
"""
