"""Made-up firm names and unified social credit codes [G].

Names are trade names ("广州市番禺区鑫华五金制品有限公司"); USCCs are ``91`` + region 440113 (a few
440101) + a 9-character organisation code with a valid GB 11714 check character + a valid
GB 32100-2015 check character. Any match with a real firm is a coincidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from stdnum.cn import uscc as stdnum_uscc

from .common import choice
from .sectors import CLASS_WORDS, SECTOR_BY_KEY

__all__ = ["assign_identities"]

TRADE_CHARS = (
    "华盛达鑫富宏金恒嘉利源雅美德信博泰丰裕兴新星辉明光伟力通建创高远合益顺福安和永昌隆祥瑞锦鸿威"
    "科俊海天志诚润佳荣凯铭骏晖捷龙腾宝逸卓越汇溢丽彩艺邦迪霖森晟钧诺沃赛欧亚联万千汉南粤禺港湾"
)
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _char_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def _org_code(rng: np.random.Generator, new: bool) -> str:
    """A 9-character organisation code with its GB 11714 check character."""
    if new:  # codes issued from late 2015 start with "MA"
        tail = "".join(_ORG_ALPHABET[int(rng.integers(len(_ORG_ALPHABET)))] for _ in range(5))
        body = "MA" + str(int(rng.integers(5, 10))) + tail
    else:
        first = choice(rng, ("0", "1", "2", "3", "5", "6", "7", "0"))
        body = first + "".join(str(int(d)) for d in rng.integers(0, 10, 7))
    total = sum(_char_value(ch) * w for ch, w in zip(body, _GB11714_WEIGHTS, strict=True))
    c = 11 - total % 11
    check = "X" if c == 10 else "0" if c == 11 else str(c)
    return body + check


def _uscc(rng: np.random.Generator, new: bool) -> str:
    region = "440113" if rng.random() < 0.97 else "440101"
    first17 = "91" + region + _org_code(rng, new)
    return first17 + stdnum_uscc.calc_check_digit(first17)


def _firm_name(rng: np.random.Generator, sector: str, code: str, large: bool, used: set) -> str:
    words = CLASS_WORDS.get(code, SECTOR_BY_KEY[sector].words)
    for _ in range(200):
        a, b = rng.choice(len(TRADE_CHARS), size=2, replace=False)
        trade = TRADE_CHARS[a] + TRADE_CHARS[b]
        prefix = choice(rng, ("广州市番禺区", "广州", "广州市"), (0.5, 0.3, 0.2))
        suffix = "股份有限公司" if large and rng.random() < 0.3 else "有限公司"
        name = f"{prefix}{trade}{choice(rng, words)}{suffix}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("could not find a unique enterprise name")


def assign_identities(rng: np.random.Generator, firms: pd.DataFrame) -> pd.DataFrame:
    """``firms`` with a unique ``name`` and ``uscc`` per firm."""
    used_names: set[str] = set()
    used_codes: set[str] = set()
    names, codes = [], []
    for sector, code, tier, founded in zip(
        firms["sector"], firms["industry_code"], firms["tier"], firms["founded_year"], strict=True
    ):
        names.append(_firm_name(rng, sector, code, tier == "large", used_names))
        while True:
            uscc = _uscc(rng, new=bool(founded == 2015 and rng.random() < 0.6))
            if uscc not in used_codes:
                used_codes.add(uscc)
                break
        codes.append(uscc)
    return firms.assign(name=names, uscc=codes)
