"""Page `evaluation`: the yearly 亩均 evaluation as batches: grades with the deciding rule,
objections, publication, letters (issue 25)."""

from __future__ import annotations

import streamlit as st

from ui.evaluation import actions as ea
from ui.evaluation import view as ev
from ui.i18n import t

st.title(t("nav.evaluation"))
st.caption(t("ev.caption"))
done = st.session_state.pop(ea.DONE, None)
if done:
    st.success(done)
ea.run_panel()
batch = ev.batch_select()
if batch is None:
    st.info(t("ev.none"))
else:
    grades = ev.summary(batch)
    ea.advance_button(batch)
    ev.grade_table(grades)
    ea.objection_panel(batch, grades)
    ea.decide_panel(batch)
    ev.objections_table(batch)
    ev.log_table(batch)
    ev.downloads(batch, grades)
