import streamlit as st

st.header("timeline")
st.info("建设中 / under construction")
