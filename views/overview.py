import streamlit as st

st.header("overview")
st.info("建设中 / under construction")
