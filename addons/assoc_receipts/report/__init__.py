from . import amount_words, cerfa_11580, cerfa_16216, cerfa_labels, pdf_layout
