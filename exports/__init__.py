"""What leaves the building: tables and parcel lists in the formats people open.

``safe`` neutralises spreadsheet formula injection; ``tables`` writes CSV (UTF-8 with BOM) and
Excel with Chinese labels and the provenance every file carries. Land-bureau formats arrive with
the decision-pack issue. Plain Python (never imports Streamlit).
"""
