"""Which hosts may stand as a record's source: a policy, shared by the bundled-data test, the
importer and ingestion.

A source must be the publisher's own public page. Refused:
- raw IP addresses and hosts without a dot;
- staging, test, development, preview, QA and origin servers (their host names say so:
  `staging.`, `test-cms.`, `.dev.`, `preview.`, a Vercel branch deployment, a CDN bucket);
- mirrors and copies of another publisher's pages (news-CMS mirrors, document-sharing sites,
  machine translation proxies, page aggregators);
- hosts unrelated to life sciences, business or public affairs (content farms, a recipe site);
- blogs and podcast hosts, vendors' shops, auto-generated stock pages, model-written news and
  encyclopedias.

Plain Python, no Django: `source_host_problem(url)` returns the reason a source is refused, or
None.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# Host labels that name a non-public server of a publisher.
_NON_PUBLIC_LABELS = re.compile(
    r"(^|[.-])(staging|stage|stg|test|testing|test-cms|dev|develop|preview|prep|preprod|qa|uat|"
    r"sandbox|origin|prod|www\d{2})([.-]|$)"
)
# Infrastructure domains that serve copies or branch deployments, never the canonical page.
_INFRASTRUCTURE = (
    "vercel.app",
    "netlify.app",
    "cloudfront.net",
    "amazonaws.com",
    "qtxquartz.com",
    "bi-oneweb.com",
    "wsodqa.com",
    "ndsoftnews.com",
    "baiducontent.com",
    "googleusercontent.com",
)
# Copies of others' pages and documents, aggregators, and hosts unrelated to the field.
_REFUSED = {
    # mirrors of news and press releases
    "ftp.prcmidwest.com": "mirror",
    "webiis05.mondaq.com": "mirror",
    "webiis08.mondaq.com": "mirror",
    "menafn.com": "mirror",
    "money.mymotherlode.com": "mirror",
    "business.ridgwayrecord.com": "mirror",
    "business.statesmanexaminer.com": "mirror",
    "kswotv.marketminute.com": "mirror",
    "waow.marketminute.com": "mirror",
    "www.kxii.com": "mirror",
    "www.wdbj7.com": "mirror",
    "www.wsaz.com": "mirror",
    "www.midfloridanewspapers.com": "mirror",
    "raritanneighbors.town.news": "mirror",
    "news.knowledia.com": "mirror",
    "medworm.com": "mirror",
    "particle.news": "mirror",
    "trends.glance.com": "mirror",
    "glance.eyesoneyecare.com": "mirror",
    "vimarsana.com": "mirror",
    "news-247.top": "mirror",
    "localnewswave.com": "mirror",
    "time.news": "mirror",
    "archyde.com": "mirror",
    "www.archyde.com": "mirror",
    "theactualnews.org": "mirror",
    "nobot.news": "mirror",
    "allin-breakdown.com": "mirror",
    "investmentreports.co": "mirror",
    "togows.dbcls.jp": "mirror",
    "distantreader.org": "mirror",
    # document-sharing copies
    "docslib.org": "document copy",
    "fdocuments.us": "document copy",
    "fdocuments.net": "document copy",
    "pdfslide.us": "document copy",
    "slidelegend.com": "document copy",
    "vdocuments.net": "document copy",
    "doczz.net": "document copy",
    "d.docksci.com": "document copy",
    "fliphtml5.com": "document copy",
    "wixlib.com": "document copy",
    "acemap.info": "document copy",
    "search.napstic.cn": "document copy",
    "research-studies.allinforhealth.info": "document copy",
    # machine-written pages and encyclopedias written by a model
    "grokipedia.com": "not a publisher",
    "informedainews.com": "not a publisher",
    "aijourn.com": "not a publisher",
    "thevitalrecord.ai": "not a publisher",
    "fieldpulse.chat": "not a publisher",
    "reportify.ai": "not a publisher",
    "reportify.cn": "not a publisher",
    "dataemia.com": "not a publisher",
    "viralles.com": "not a publisher",
    "wallstwired.com": "not a publisher",
    "investorempires.com": "not a publisher",
    # unrelated to the field
    "nefisyemekmutfagi.com": "unrelated",
    "treatsbytiff.com": "unrelated",
    "formblends.com": "unrelated",
    "www.eastwood-pottershouse.com": "unrelated",
    "dangellesbackes.com": "unrelated",
    "www.agostinilorenzo.com": "unrelated",
    "stochter.com": "unrelated",
    "solondais.fr": "unrelated",
    "www.bazhesc.com": "unrelated",
    "www.australiafitnesstoday.com": "unrelated",
    "cuu.coron.tech": "unrelated",
    "videodorks.com": "unrelated",
    "pipedot.org": "unrelated",
    "2017-2022.nosdeputes.fr": "unrelated",
    "blog.hefce.ac.uk": "unrelated",
    "www.winway.me": "unrelated",
    "www.nigikis.com": "unrelated",
    "jcst2d.com": "unrelated",
    "lifepronow.com": "unrelated",
    "medtourcn.com": "unrelated",
    "telkdeep.com": "unrelated",
    "hif-signal.com": "unrelated",
    "jnksignaling.com": "unrelated",
    "www.daily8.com": "unrelated",
    "globalbihari.com": "unrelated",
    "www.countstar.com": "unrelated",
    "countstar.com": "unrelated",
    "gubbagroup.com": "unrelated",
    "smartkarma.com": "unrelated",
    "indiapharmaoutlook.com": "mirror",
    "m2pharma.com": "mirror",
    "trial.medpath.com": "mirror",
    # added by the source audit of issue 14 (section 4)
    # blogs and podcast hosts (anyone's posts, not a publisher's page)
    "awesomecapital.wordpress.com": "blog",
    "k-gmp.blogspot.com": "blog",
    "pharmwartg.blogspot.com": "blog",
    "www.buzzsprout.com": "blog",
    "buzzsprout.com": "blog",
    "bqura.com": "blog",
    "www.straighthealthcare.com": "blog",
    "maestrodatabase.com": "blog",
    "www.maestrodatabase.com": "blog",
    # vendors' shops and catalogues (peptide and chemical sellers, a B2B marketplace, a clinic)
    "www.researchingpeptides.com": "vendor",
    "researchingpeptides.com": "vendor",
    "uspeptidescience.com": "vendor",
    "peptide-data.co.uk": "vendor",
    "www.peptidejournal.org": "vendor",
    "us.huatengsci.com": "vendor",
    "www.helixchem.com": "vendor",
    "helixchem.com": "vendor",
    "resources.made-in-china.com": "vendor",
    "chemdiv.com": "vendor",
    "www.chemdiv.com": "vendor",
    "www.allstemcells.com": "vendor",
    "www.cancer-research-network.com": "vendor",
    "chemxpert.com": "vendor",
    "miracell.ph": "vendor",
    # auto-generated stock pages, model-written news, content farms, a predatory journal
    "sharecompare.co.uk": "not a publisher",
    "ticker.report": "not a publisher",
    "www.stockinsights.ai": "not a publisher",
    "stockinsights.ai": "not a publisher",
    "stocknews.ai": "not a publisher",
    "www.insidermonkey.com": "not a publisher",
    "insidermonkey.com": "not a publisher",
    "fintool.com": "not a publisher",
    "grafa.com": "not a publisher",
    "simplywall.st": "not a publisher",
    "valueinvesting.io": "not a publisher",
    "growthinvesting.net": "not a publisher",
    "www.ainvest.com": "not a publisher",
    "ainvest.com": "not a publisher",
    "www.stockysis.com": "not a publisher",
    "jakotaindex.com": "not a publisher",
    "precedenceresearch.com": "not a publisher",
    "www.precedenceresearch.com": "not a publisher",
    "cancerterminology.com": "not a publisher",
    "damaacademia.com": "not a publisher",
    "eka.care": "not a publisher",
    "medtigo.com": "not a publisher",
    "pharmacally.com": "not a publisher",
    "lifescivoice.com": "not a publisher",
    "digimedupdates.com": "not a publisher",
    "medicalupdateonline.com": "not a publisher",
    "stemcellsdaily.com": "not a publisher",
    "aicorite.com": "not a publisher",
    "vernonews.com": "not a publisher",
    "thepharmadata.com": "not a publisher",
    "healthcareinsights.vn": "not a publisher",
    "www.medaptly.com": "not a publisher",
    "zonamedica.expedientevirtual.com": "not a publisher",
    "gurufocus.com": "not a publisher",
    "www.gurufocus.com": "not a publisher",
    "www.noahai.co": "not a publisher",
    "noahai.co": "not a publisher",
    "biobriefs.com": "not a publisher",
    # copies of news, press releases and notices (syndication, broker and grants sites, a typo host)
    "www.getnews.info": "mirror",
    "getnews.info": "mirror",
    "wwww.stockwatch.com": "mirror",
    "ramaonhealthcare.com": "mirror",
    "malaysiajournal.com": "mirror",
    "www.htsyndication.com": "mirror",
    "gisweb.vwd.com": "mirror",
    "bulletin.webull.com": "mirror",
    "www.itiger.com": "mirror",
    "aijingu.com": "mirror",
    "1med.mdlalibrary.com": "mirror",
    "savannahkoreatimes.com": "mirror",
    "www2.fundsforngos.org": "mirror",
    "fda.report": "mirror",
    "ttm.financial": "mirror",
    "mobile.fx.co": "mirror",
    "kuk.kode.co.kr": "mirror",
    "m.newspic.kr": "mirror",
    "q.stock.sohu.com": "mirror",
    "www.ullet.com": "mirror",
    "phexcom.com": "mirror",
    "medphanut.com": "mirror",
    "scopeforward.com": "mirror",
    # copies of filings, contracts and papers
    "lawinsider.com": "document copy",
    "www.lawinsider.com": "document copy",
    "contracts.justia.com": "document copy",
    "researchain.net": "document copy",
    "m.booksci.cn": "document copy",
    "www.peeref.com": "document copy",
    "www.sciencegate.app": "document copy",
    "discovery.researcher.life": "document copy",
    "financialreports.eu": "document copy",
    "cdn.financialreports.eu": "document copy",
    "app.researchpool.com": "document copy",
    "pitchsend.com": "document copy",
    "irbank.net": "document copy",
    "eninvs.com": "document copy",
    # encyclopedias (anyone may edit an entry; cite the page it rests on)
    "en.wikipedia.org": "encyclopedia",
    "simple.m.wikipedia.org": "encyclopedia",
    "encyclopedia.pub": "encyclopedia",
}
_REASONS = {
    "mirror": "a mirror or copy of another publisher's page",
    "document copy": "a document-sharing copy, not the publisher's own page",
    "not a publisher": "machine-written, auto-generated or aggregated pages, not a publisher",
    "unrelated": "a site unrelated to life sciences or business",
    "blog": "a blog or podcast host, not a publisher's page",
    "vendor": "a vendor's shop or catalogue, not a publisher",
    "encyclopedia": "an encyclopedia entry, not the publisher's own page",
}


def source_host_problem(url: str) -> str | None:
    """Why `url` may not stand as a source, or None when its host is acceptable."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return "not a web address"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "a raw IP address, not a publisher's host"
    if "." not in host or host == "localhost" or host.endswith((".localhost", ".local")):
        return "a local host"
    if host.split(".")[-2:] in (["example", "com"], ["example", "org"], ["example", "net"]):
        return "a placeholder host"
    if any(host == d or host.endswith("." + d) for d in _INFRASTRUCTURE):
        return "a mirror, origin or branch-deployment server, not the canonical page"
    labels = host.split(".")[:-2]  # the subdomain part only: 'prod.biz.chosun.com' -> prod, biz
    if any(_NON_PUBLIC_LABELS.search(label) for label in labels):
        return "a staging, test, preview or origin server, not the public page"
    kind = _REFUSED.get(host)
    return _REASONS[kind] if kind else None
