"""Shared page pieces: sidebar, error box, cached loaders, i18n. The only package that uses
Streamlit besides app.py and app_pages/."""
