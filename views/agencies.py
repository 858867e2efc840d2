import streamlit as st

st.header("agencies")
st.info("建设中 / under construction")
