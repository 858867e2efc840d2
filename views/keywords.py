import streamlit as st

st.header("keywords")
st.info("建设中 / under construction")
