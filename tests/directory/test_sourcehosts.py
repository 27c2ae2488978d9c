"""The source-host policy: which addresses may stand as a record's source."""

import pytest

from dari.directory.sourcehosts import source_host_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://www.koreabiomed.com/news/articleView.html?idxno=8630",
        "https://biz.chosun.com/en/en-science/2025/07/03/FWR27VBLFJDRTMZ6SVSVAG5XMU",
        "https://www.fiercebiotech.com/biotech/x",
        "https://clinicaltrials.gov/study/NCT01234567",
        "https://www.mfds.go.kr/eng/brd/m_61/view.do?seq=43",
        "https://dart.fss.or.kr/dsaf001/main.do?rcpNo=1",
    ],
)
def test_publishers_own_pages_are_accepted(url):
    assert source_host_problem(url) is None


@pytest.mark.parametrize(
    ("url", "word"),
    [
        ("http://34.80.245.248/content_html/a.html", "IP"),
        ("http://[2001:db8::1]/a", "IP"),
        ("https://prod.biz.chosun.com/en/x", "origin"),
        ("https://staging.pharmtech.com/view/x", "staging"),
        ("https://test-cms.who.int/news/x", "staging"),
        ("https://preview.fiercepharma.com/x", "preview"),
        ("https://preprod.anzctr.org.au/Trial/x", "staging"),
        ("https://fiercebiotech.prod.qtxquartz.com/biotech/x", "mirror"),
        ("https://www2-x-git-y.vercel.app/view/x", "branch"),
        ("http://n537.ndsoftnews.com/news/articleView.html?idxno=1", "mirror"),
        ("https://docslib.org/doc/1/x", "document"),
        ("https://nefisyemekmutfagi.com/x", "unrelated"),
        ("https://k-gmp.blogspot.com/2022/09/x.html", "blog"),
        ("https://uspeptidescience.com/articles/x", "vendor"),
        ("https://stocknews.ai/ai-news/x", "not a publisher"),
        ("https://lawinsider.com/contracts/x", "document"),
        ("http://wwww.stockwatch.com/News/Item/x", "mirror"),
        ("https://en.wikipedia.org/wiki/Edoxaban", "encyclopedia"),
        ("https://www.example.com/x", "placeholder"),
        ("http://localhost:8000/x", "local"),
        ("ftp://www.koreabiomed.com/x", "web address"),
    ],
)
def test_mirrors_staging_raw_ip_and_unrelated_hosts_are_refused(url, word):
    problem = source_host_problem(url)
    assert problem is not None and word.lower() in problem.lower()


def test_a_publisher_whose_name_merely_contains_a_label_word_is_accepted():
    # 'test' or 'dev' inside a longer label is not a server name
    assert source_host_problem("https://www.contemporarypediatrics.com/x") is None
    assert source_host_problem("https://www.drugdevelopment-news.com/x") is None
    assert source_host_problem("https://www.pharmtech.com/x") is None
