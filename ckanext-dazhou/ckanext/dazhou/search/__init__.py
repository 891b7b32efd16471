"""Chinese search of the catalog (issue 12): query normalisation, segmentation, synonyms,
pinyin fields and the zero-result fallback. The plugin's package hooks call into here."""
