import os

# Tests assert on English messages unless they ask for Korean.
os.environ["BYHAND_LANG"] = "en"
