"""Small news pages written for the tests: each shows one way a page's furniture gets
into the main text. `STORY` is the article every page carries; `KINDS` maps a failure
kind to a page with that furniture and the furniture's text, which must not be read."""

from __future__ import annotations

STORY = [
    (
        "Russian drones struck a power plant in Kharkiv overnight, cutting electricity to thousands "
        "of homes, regional governor Oleh Syniehubov said on Tuesday."
    ),
    (
        "Engineers were working to restore power by the evening, the operator Ukrenergo said in a "
        "statement, adding that two substations had been badly damaged in the attack."
    ),
    (
        "The governor said three people were injured and taken to hospital. Rescue crews worked "
        "through the night to put out fires at the site."
    ),
    (
        "Ukraine's air force said it had shot down 21 of the 29 drones launched overnight, most of "
        "them over the Kharkiv and Poltava regions."
    ),
    (
        "Moscow did not comment on the strike. Russia has repeatedly targeted Ukraine's energy "
        "system since the start of its full-scale invasion in February 2022."
    ),
]
TITLE = "Drones strike Kharkiv power plant"


def story_html(between: dict[int, str] | None = None) -> str:
    """The story's paragraphs, with extra markup inserted before paragraph N."""
    between = between or {}
    return "".join(between.get(i, "") + f"<p>{text}</p>" for i, text in enumerate(STORY)) + between.get(len(STORY), "")


def page(body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{TITLE} | Kyiv Ledger'
        f"</title>{head}</head><body>{body}</body></html>"
    )


NAV = (
    "<header><a href='/'>Kyiv Ledger</a><nav><ul><li><a href='/news'>News</a></li>"
    "<li><a href='/war'>War in Ukraine</a></li><li><a href='/business'>Business</a></li>"
    "<li><a href='/opinion'>Opinion</a></li></ul></nav></header>"
)
FOOTER = (
    "<footer><ul><li><a href='/about'>About us</a></li><li><a href='/contact'>Contact the newsroom</a>"
    "</li><li><a href='/privacy'>Privacy policy</a></li></ul><p>Kyiv Ledger 2024</p></footer>"
)

TEASERS = "".join(
    f"<article class='card'><h3><a href='/n/{i}'>{headline}</a></h3><p>{blurb}</p></article>"
    for i, (headline, blurb) in enumerate(
        [
            (
                "China denies it supplied drone engines to Moscow",
                "Beijing's foreign ministry rejected the report on Monday, calling it groundless and saying it had not reviewed the claims.",
            ),
            (
                "Kremlin says peace talks are not on the agenda",
                "Spokesman Dmitry Peskov said conditions for negotiations did not exist, rejecting a proposal put forward by Turkey last week.",
            ),
            (
                "EU agrees new sanctions package",
                "Ministers agreed the fourteenth package after Hungary lifted its veto on Friday, diplomats said, ending weeks of talks.",
            ),
        ]
    )
)
COMMENT = (
    "<section id='comments'><h3>Comments</h3><article class='comment'><p>Reader1984: This is "
    "a long comment by a reader who says the government lied about everything and insists that "
    "the real figures were hidden, that nobody should believe the officials, and that the "
    "newspaper should have asked harder questions of the ministry, the army and the city "
    "council before printing a word of this story. I have been reading this site for years and "
    "I am disappointed.</p></article></section>"
)

KINDS: dict[str, tuple[str, list[str]]] = {
    # the page's longest <article> is a comment, and teaser cards are <article>s too
    "teaser_article": (
        page(
            NAV + f"<div id='story'><h1>{TITLE}</h1>{story_html()}</div>"
            f"<section class='more'><h2>More news</h2>{TEASERS}</section>{COMMENT}" + FOOTER
        ),
        ["China denies it supplied", "Beijing's foreign ministry", "Peskov", "Reader1984"],
    ),
    # two <main> elements, the first an ad slot
    "two_mains": (
        page(
            NAV + "<main class='ad-slot'><div>Advertisement</div><p>Buy the new Stellar phone today "
            "and save 20 percent with free delivery across Ukraine.</p></main>"
            f"<main><article><h1>{TITLE}</h1>{story_html()}</article></main>" + FOOTER
        ),
        ["Stellar phone", "Advertisement"],
    ),
    # the wrapper of the text has a class word of the noise lists ("share", "related")
    "noise_class_wrapper": (
        page(
            NAV + f"<div class='article-body share-enabled related-links-inline'><h1>{TITLE}</h1>"
            f"{story_html()}</div>" + FOOTER
        ),
        ["War in Ukraine", "Privacy policy"],
    ),
    # no <article> nor <main>: menus and footers around plain <div>s
    "no_article_or_main": (
        page(
            NAV + "<div class='wrap'><div class='col-left'><ul><li><a href='/a'>Most read: Odesa port "
            "reopens</a></li><li><a href='/b'>Most read: Zaporizhzhia plant loses power</a></li></ul></div>"
            f"<div class='col-main'><h1>{TITLE}</h1>"
            + "".join(f"<div class='para'>{t}</div>" for t in STORY)
            + "</div></div>"
            + FOOTER
        ),
        ["Odesa port reopens", "About us", "Contact the newsroom"],
    ),
    # bylines and an author box inside the article
    "bylines": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1><p class='byline'>By Olena Hrytsenko and Mark Stone, Kyiv</p>"
            + story_html()
            + "<div class='author-bio'><p>Olena Hrytsenko is a correspondent for the Kyiv "
            "Ledger covering energy and the war.</p></div></article>" + FOOTER,
            head="<meta name='author' content='Olena Hrytsenko'>",
        ),
        ["By Olena Hrytsenko", "is a correspondent for"],
    ),
    # "Updated ..." and "Published ..." lines
    "updated_lines": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1><p>Updated 12 November 2024, 10:32 GMT</p><p>4 min read</p>"
            + story_html({3: "<p>Last updated on Nov 12, 2024 at 11:05 a.m.</p>"})
            + "</article>"
            + FOOTER
        ),
        ["Updated 12 November", "Last updated on", "4 min read"],
    ),
    # photo captions and gallery controls
    "captions": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1>"
            + story_html(
                {
                    1: "<figure><img src='a.jpg' alt='Smoke'><figcaption>Smoke rises over the plant "
                    "after the attack. Photo: Reuters</figcaption></figure>",
                    3: "<div class='gallery'><button>Previous</button><span>1 of 12</span>"
                    "<button>Next</button></div><p>Photo: Sergey Bobok/AFP via Getty Images</p>",
                }
            )
            + "</article>"
            + FOOTER
        ),
        ["Smoke rises over the plant", "Sergey Bobok", "1 of 12"],
    ),
    # "READ MORE" and "You may also like" promos inside the text
    "promos": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1>"
            + story_html(
                {
                    2: "<p><strong>READ MORE:</strong> <a href='/x'>Kremlin says talks are off</a></p>",
                    4: "<p>You may also like: <a href='/y'>Ten things to know about Ukraine's grid</a></p>",
                }
            )
            + "</article>"
            + FOOTER
        ),
        ["READ MORE", "Kremlin says talks are off", "Ten things to know"],
    ),
    # a list of links to other stories inside the article ("most read", "related")
    "link_list": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1>"
            + story_html(
                {
                    3: "<h3>Most read</h3><ul><li><a href='/1'>Odesa port reopens after strike</a></li>"
                    "<li><a href='/2'>Zaporizhzhia plant loses external power</a></li>"
                    "<li><a href='/3'>Kremlin rejects talks offer</a></li></ul>"
                }
            )
            + "</article>"
            + FOOTER
        ),
        ["Odesa port reopens", "Zaporizhzhia plant", "Kremlin rejects"],
    ),
    # subscribe prompts inside the text
    "subscribe_prompts": (
        page(
            NAV
            + f"<article><h1>{TITLE}</h1>"
            + story_html(
                {
                    2: "<div class='newsletter-signup'><p>Sign up for our morning briefing newsletter "
                    "to get the latest news from Ukraine.</p></div>",
                    5: "<p>Subscribe to the Kyiv Ledger today for full access to our reporting.</p>",
                }
            )
            + "</article>"
            + FOOTER
        ),
        ["Sign up for our morning briefing", "Subscribe to the Kyiv Ledger"],
    ),
}
