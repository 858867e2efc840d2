import streamlit as st

st.header("articles")
st.info("建设中 / under construction")
