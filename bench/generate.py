#!/usr/bin/env python3
"""Deterministic realistic statements in gagyebu's CSV: ~300 payees, Korean and English,
thousands separators, refunds. Usage: generate.py ROWS > statement.csv"""
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(20251128)
stems = ["이마트", "홈플러스", "스타벅스", "교보문고", "예스24", "알라딘", "GS25", "CU", "쿠팡",
         "네이버페이", "당근페이", "코베아", "스노우피크", "하이마트", "김밥천국", "배달의민족",
         "서울교통공사", "넷플릭스", "올리브영", "약국", "Amazon.com", "STARBUCKS", "UBER *TRIP",
         "WHOLEFDS", "REI #123", "BEST BUY", "STEAMGAMES.COM", "NETFLIX.COM", "SHELL OIL",
         "CHIPOTLE"]
branches = ["성수점", "강남점", "잠실점", "광화문점", "서울숲점", "역삼점", "홍대점", "판교점", "", "#12"]
payees = [f"{s} {b}".strip() for s in stems for b in branches]  # 300
memos = ["", "", "", "장보기", "발베니 12년", "캠핑 텐트", "책", "아메리카노", "월 구독", "환불"]
out = sys.stdout
out.write("date,payee,memo,amount\n")
for i in range(rows):
    day = i * 3650 // rows  # ten years, oldest first
    y, rest = divmod(day, 365)
    m, d = divmod(rest, 31)
    date = f"{2015 + y}-{min(m + 1, 12):02d}-{min(d + 1, 28):02d}"
    amount = rng.choice([1, 1, 1, 2, 5, 10, 50]) * rng.randint(1_000, 99_000)
    sign = "" if rng.random() < 0.05 else "-"
    out.write(f'{date},{rng.choice(payees)},{rng.choice(memos)},"{sign}{amount:,}"\n')
