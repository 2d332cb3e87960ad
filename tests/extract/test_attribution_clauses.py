"""Where a statement's words begin and end, and who speaks them, when the parse is awkward.

One row per pattern, on sentences written for these tests (never copied from a reference
article); each runs the whole extraction with the real pipeline and checks the statement that
begins with the given words:

  speaker   label (or alias) of the speaking entity    unnamed     label of an unnamed speaker
  text      the statement text exactly                 absent      True: no statement begins so
  no_speaker  True: the statement has no speaker       not_unnamed  a label an unnamed speaker must not have
  not_speaker  a label (or alias) the speaker must not have
  may_merge    True: the statement may be merged into the one it is nested in
"""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.read.article import Article

ROWS = [
    # a parenthetical reporting clause reports its whole host sentence, also when the parser
    # hangs it on a fronted subordinate clause
    (
        "Envoy Tom Reyes arrived in Geneva on Sunday.\n\n"
        "Though the first round of talks was calm, he said, the second round would be much harder for both sides.",
        "Though the first round",
        dict(
            speaker="Tom Reyes",
            text="Though the first round of talks was calm, he said, the second round would be much harder for both sides",
        ),
        "parenthetical-cue-after-fronted-clause",
    ),
    # what is cited is a voice only when it can speak; otherwise the clause's subject speaks
    (
        "Citing an old border dispute, Defence Minister Anna Kowalski accused the neighbours of stalling the talks.",
        "Defence Minister Anna Kowalski accused",
        dict(speaker="Anna Kowalski"),
        "citing-a-reason-not-a-voice",
    ),
    (
        "The Farmers Union called Anna Kowalski a friend of growers, citing her work on drought relief.",
        "Anna Kowalski a friend",
        dict(not_unnamed="her work"),
        "citing-a-reason-after-the-cue",
    ),
    # a document's maker is named in its by/of phrase, not deeper inside it
    (
        "Senator Tom Reyes visited the capital.\n\n"
        'The country "has changed for the better," Reyes said on Monday, citing the release of '
        "political prisoners and Anna Kowalski's election to parliament.",
        "has changed for the better",
        dict(speaker="Tom Reyes", not_speaker="Anna Kowalski"),
        "cited-release-is-not-the-named-persons",
    ),
    # a quotation right after the attribution of an indirect statement continues it
    (
        "The council may delay the vote while the mayor negotiates with the union, Senator Tom Reyes said. "
        '"The other factor the council may weigh is the cost of the strike."',
        "The council may delay",
        dict(
            speaker="Tom Reyes",
            text="The council may delay the vote while the mayor negotiates with the union, Senator Tom Reyes said. "
            '"The other factor the council may weigh is the cost of the strike."',
        ),
        "quotation-continues-an-indirect-statement",
    ),
    (
        "The council may delay the vote, Senator Tom Reyes said on Monday.\n\n"
        '"The other factor the council may weigh is the cost of the strike," said Anna Kowalski.',
        "The council may delay",
        dict(speaker="Tom Reyes", text="The council may delay the vote"),
        "quotation-with-its-own-cue-does-not-continue",
    ),
    # a reporting verb in what is required or allowed is no one's statement
    (
        "Federal law requires candidates to disclose their assets and sources of income.",
        "their assets",
        dict(absent=True),
        "required-disclosure-is-not-a-statement",
    ),
    (
        "The new rule allows election officials to confirm a voter's address by mail.",
        "a voter's address",
        dict(absent=True),
        "allowed-confirmation-is-not-a-statement",
    ),
    (
        "The committee forced the chief executive to admit that no managers had been fired.",
        "no managers had been fired",
        dict(speaker="the chief executive"),
        "a forced admission is still said",
    ),
    # "told <addressee> that ...": the parser may hang the complement clause on the addressee
    (
        "Envoy Tom Reyes arrived in Geneva.\n\n"
        "In Geneva last week, Reyes told a gathering of union leaders that few workers understood "
        "the stakes of the strike better than miners.",
        "few workers understood",
        dict(speaker="Tom Reyes", text="few workers understood the stakes of the strike better than miners"),
        "that-clause-hung-on-the-addressee",
    ),
    (
        "The new plan would add so many layers of rules that it would be a boon for lawyers.",
        "it would be a boon",
        dict(absent=True),
        "result-clause-is-not-content",
    ),
    # in a parenthetical cue the name right before the verb speaks, not a name the parser
    # took for the subject and made it an apposition of
    (
        "Chief Justice Tom Reyes opened the museum on Sunday.\n\n"
        "To understand the real Jim Crow, Chief Justice Reyes said, one should visit this museum.",
        "To understand the real",
        dict(speaker="Tom Reyes", not_speaker="Jim Crow"),
        "parenthetical-name-before-the-verb-speaks",
    ),
    # a verb the parser hung on an aside between dashes belongs to what the aside hangs on
    (
        "Small groups of farmers kept marching through the centre, circling the streets around the "
        'stadium - where the Kherson Lions played the Odesa Sailors - while chanting, "Bread and land."',
        "Bread and land",
        dict(speaker="Small groups of farmers", not_speaker="Kherson Lions"),
        "verb-after-a-dashed-aside",
    ),
    # an infinitive on a noun that cannot speak: whoever has the chance speaks
    (
        "Governor Tom Reyes never missed a chance to remind voters that he had balanced the budget.",
        "he had balanced",
        dict(speaker="Tom Reyes"),
        "infinitive-on-a-chance",
    ),
    # "X urged Y to reject Z" is X's speech act: the object is not the speaker
    (
        "Senator Tom Reyes urged his fellow senators to reject the budget deal.",
        "the budget deal",
        dict(speaker="Tom Reyes"),
        "urging-object-is-not-the-speaker",
    ),
    # what someone is let, dared or asked to say is not said by them (nor by who asks: the
    # asking is the asker's statement), and what someone is expected to say is no one's yet
    (
        "Farmers will not let the ministry tell them what to plant.",
        "them what to plant",
        dict(absent=True),
        "let-them-tell-is-not-said",
    ),
    (
        "Senator Anna Kowalski walked out of the hearing, daring the minister to say that the dam was safe.",
        "the dam was safe",
        dict(absent=True),
        "dared-to-say-is-not-said",
    ),
    (
        "Senator Anna Kowalski asked the minister to confirm that the dam was safe.",
        "the minister to confirm",
        dict(speaker="Anna Kowalski"),
        "asked-to-confirm-is-the-askers-question",
    ),
    (
        "Senator Anna Kowalski asked the minister to confirm that the dam was safe.",
        "the dam was safe",
        dict(absent=True),
        "asked-to-confirm-is-not-said",
    ),
    (
        "Minister Tom Reyes is expected to announce on Friday that the border will reopen.",
        "the border will reopen",
        dict(absent=True),
        "expected-to-announce-is-not-said-yet",
    ),
    # a quoted phrase in a clause whose verb is joined to another after it ("and criticized")
    # is the clause's, not a quotation of the joined verb's
    (
        'Reyes has used the phrase "water theft" often in his campaign, and criticized Kowalski for not doing so.',
        "water theft",
        dict(absent=True),
        "quoted-phrase-before-a-joined-cue",
    ),
    # an unnamed speaker's words end before a conjunction the parser left on its of-phrase
    (
        "On Friday the former minister of defence and current party leader said the army was ready.",
        "the army was ready",
        dict(unnamed="the former minister of defence"),
        "unnamed-speaker-without-trailing-and",
    ),
    # the object a fronted report's last verb lacks is not the speaker, nor the speaker part
    # of the object: the parser's two slips on "..., killing N civilians, the governor, X, said"
    (
        "Drones struck the port of Odesa on Tuesday, injuring at least two workers, the regional governor, "
        "Anna Kowalski, said on Telegram.",
        "Drones struck",
        dict(speaker="Anna Kowalski", text="Drones struck the port of Odesa on Tuesday, injuring at least two workers"),
        "object-taken-for-the-subject-of-a-trailing-cue",
    ),
    (
        "Rebel fighters attacked the base before dawn, wounding two soldiers, a military spokesman, Tom Reyes, said.",
        "Rebel fighters attacked",
        dict(speaker="Tom Reyes", text="Rebel fighters attacked the base before dawn, wounding two soldiers"),
        "speaker-taken-for-an-apposition-of-the-object",
    ),
    # a group's label keeps every modifier: both of two joined ones, and a prefix before a
    # hyphen (without it the label says the opposite)
    (
        "Anti-NATO activists said they fear the treaty will fail.",
        "they fear the treaty",
        dict(speaker="Anti-NATO activists"),
        "group-label-keeps-its-prefix",
    ),
    (
        "Current and former officials said the agency has become a shell of itself.",
        "the agency has become",
        dict(speaker="Current and former officials"),
        "group-label-keeps-both-joined-modifiers",
    ),
    (
        "Local and federal officials said the road was closed.",
        "the road was closed",
        dict(speaker="Local and federal officials"),
        "group-label-keeps-a-joined-modifier",
    ),
    # a name and a verb the cue list lacks, ending the sentence a quotation opens, speak it,
    # not the speaker of the quotation before
    (
        'Tom Reyes took the stage on Friday. "We will not back down," Reyes said.\n\n'
        '"Would the tax be negotiable?" Anna Kowalski pressed.',
        "Would the tax",
        dict(speaker="Anna Kowalski"),
        "name-and-unlisted-verb-after-a-quotation",
    ),
    # a speaker's words never reach into the quotation: a name inside it is not the speaker
    # the parser hung on the word before the colon
    (
        "Reid: 'Never, ever underestimate Kowalski.'\n\n"
        "Tom Reid has some advice for his party after Anna Kowalski won the primary.",
        "Never, ever",
        dict(speaker="Tom Reid", not_speaker="Anna Kowalski"),
        "headline-speaker-is-not-a-name-inside-the-quotation",
    ),
    # "Cruz's refusal to disavow": the noun's owner speaks
    (
        "Governor Tom Reyes arrived late. Reyes's refusal to disavow the endorsement angered his party.",
        "the endorsement",
        dict(speaker="Tom Reyes"),
        "owner-of-a-noun-speaks",
    ),
    # 'stopped short of calling': through the adverb to the clause's subject
    (
        'Governor Tom Reyes described the fire as a "disaster," but stopped short of calling the response a failure.',
        "the response",
        dict(speaker="Tom Reyes"),
        "stopped-short-of-calling",
    ),
    # the parser makes the participle the root and the reporting clause its parataxis
    (
        '"We have done our part," Governor Tom Reyes said, not even needing to mention the new dam.',
        "the new dam",
        dict(speaker="Tom Reyes"),
        "root-participle-after-reporting-clause",
    ),
    # an indirect content keeps its own words before a quoted phrase
    (
        'Finance Minister Anna Kowalski said there remains a "deep gap between the two plans," when it comes to '
        "funding.",
        "there remains",
        dict(speaker="Anna Kowalski"),
        "indirect-with-quoted-phrase",
    ),
    # a content clause the parser cut at a colon runs on to its sentence's end
    (
        "Analyst Tom Reyes notes that three things are happening at once: prices are rising, wages are flat and "
        "loans are scarce.",
        "three things",
        dict(
            speaker="Tom Reyes",
            text="three things are happening at once: prices are rising, wages are flat and loans are scarce",
        ),
        "content-through-colon",
    ),
    # a quotation right after an indirect statement's attribution continues it
    (
        "Foreign Minister Anna Kowalski spoke in Riga on Monday.\n\n"
        'The summit achieved "very little," she added. "Without a new plan, the region risks a great deal."',
        "The summit",
        dict(
            speaker="Anna Kowalski",
            text='The summit achieved "very little," she added. "Without a new plan, the region risks a great deal."',
        ),
        "indirect-continued-by-quotation",
    ),
    # the writer's aside at the end of a content is not the speaker's
    (
        "Governor Tom Reyes has acknowledged the cost of the drought, which makes him unusual among his peers.",
        "the cost",
        dict(speaker="Tom Reyes", text="the cost of the drought"),
        "trailing-nonrestrictive-relative",
    ),
    (
        "Officials said the inquiry had secured the help of Tom Reyes, who ran the city's water board for a decade.",
        "the inquiry",
        dict(text="the inquiry had secured the help of Tom Reyes"),
        "trailing-relative-on-a-name",
    ),
    (
        "Governor Tom Reyes has railed against the river compact, the water deal the state signed last year.",
        "the river compact",
        dict(text="the river compact"),
        "trailing-apposition",
    ),
    (
        "The agency said the dam was safe, although it may take weeks to inspect every gate.",
        "the dam",
        dict(text="the dam was safe"),
        "trailing-concession",
    ),
    # a bracketed party and state, or a place the parser made a second subject, is not the speaker
    (
        "Speaking on Tuesday at Baldwin Wallace University in Berea, OH, after winning Ohio in the primary, "
        "Gov. Tom Reyes (R-OH), said the party would unite behind him.",
        "the party",
        dict(speaker="Tom Reyes"),
        "bracketed-party-state",
    ),
    # "the Kentucky Republican", "one Ohio Democrat": a member described, never the party itself
    (
        '"It will be close," said one Ohio Democrat.',
        "It will be close",
        dict(unnamed="one Ohio Democrat"),
        "party-member-not-the-party",
    ),
    # a share of people speaks as an unnamed speaker
    (
        "The survey was taken last week. Six in 10 say the governor is honest.",
        "the governor",
        dict(unnamed="Six in 10"),
        "share-six-in-ten",
    ),
    (
        "In Ohio, 85% of farmers said the drought was the worst in memory.",
        "the drought",
        dict(unnamed="85% of farmers"),
        "share-percent-sign",
    ),
    # people and bodies beyond the person and post lists speak as unnamed speakers
    (
        "A person familiar with the plan said the talks would resume on Friday.",
        "the talks",
        dict(unnamed="A person familiar with the plan"),
        "person-familiar-with",
    ),
    (
        "The governor's opponents said the dam should never have been built.",
        "the dam",
        dict(unnamed="The governor's opponents"),
        "qualified-group-noun",
    ),
    (
        "An increasing number of farmers say the subsidy came too late.",
        "the subsidy",
        dict(unnamed="An increasing number of farmers"),
        "a-number-of-people",
    ),
    # a reduced passive relative: the noun is what is believed, not who believes it
    (
        "Police detained a woman believed to be behind the arson attack on the depot.",
        "to be behind",
        dict(no_speaker=True),
        "reduced-passive-relative-has-no-speaker",
    ),
    # a main verb the parser hangs on its long subject is still that subject's
    (
        "Two military analysts, Tom Reyes and Dan Ellis, found in 2014 that the air force was the best in the region.",
        "the air force",
        dict(speaker="Tom Reyes"),
        "main-verb-parsed-as-participle",
    ),
    # a pronoun does not refer to a name it precedes in its own clause ...
    (
        "Witness Tom Reyes took the stand on Monday. Prosecutors then questioned Dan Ellis about the van. "
        "He said Ellis had paid cash for it.",
        "Ellis had paid",
        dict(speaker="Tom Reyes"),
        "pronoun-not-a-name-later-in-its-clause",
    ),
    # ... but may refer to one in another clause after it, or inside a relative clause
    (
        "Governor Tom Reyes spoke first. He said the plan copied Ellis, who had long wanted to tax Reyes.",
        "the plan copied",
        dict(speaker="Tom Reyes"),
        "name-inside-a-relative-clause-does-not-block",
    ),
    (
        "Anna Kowalski spoke first. Though she praised the plan, Kowalski said the budget was too small.",
        "the budget",
        dict(speaker="Anna Kowalski"),
        "cataphora-across-clauses",
    ),
    # an unnamed speaker goes on speaking in a pronoun after it
    (
        "A police spokesman said the road would reopen on Monday. He added that two lanes would stay closed.",
        "two lanes",
        dict(unnamed="A police spokesman"),
        "unnamed-speaker-continues-in-a-pronoun",
    ),
    (
        "A former neighbour of the gunman said the man admired the preacher Tom Reyes. "
        '"He never stopped talking about him," he told reporters.',
        "He never stopped",
        dict(unnamed="A former neighbour of the gunman"),
        "unnamed-subject-before-a-named-object",
    ),
    # a body that the country's adjective only qualifies speaks, not the country
    (
        "A Polish aviation watchdog said the runway lights had failed.",
        "the runway lights",
        dict(unnamed="A Polish aviation watchdog"),
        "national-adjective-on-a-body",
    ),
    # people of a country, counted or quantified, are not its state
    (
        "Many Syrians in the camp say the aid deliveries stopped in March.",
        "the aid deliveries",
        dict(unnamed="Many Syrians in the camp"),
        "quantified-demonym-is-people",
    ),
    (
        "Many Moldovans fear a new war with their neighbours. It has already begun, they say.",
        "It has already begun",
        dict(not_speaker="Moldova"),
        "they-after-quantified-demonym-is-not-the-country",
    ),
    # a national adjective qualifies a body or a person; "the Russian side" is the country
    (
        "Skoda showed a new van. The Czech carmaker says the van will reach dealers in May.",
        "the van will reach",
        dict(unnamed="The Czech carmaker"),
        "national-adjective-on-a-company",
    ),
    (
        "The Moldovan side said the border talks had failed.",
        "the border talks",
        dict(speaker="Moldova"),
        "national-side-is-the-country",
    ),
    # a pronoun speaking inside another's statement is that speaker, when it fits
    (
        "Analyst Tom Reyes said the plan was sound. While fares bring to mind high costs, the two airlines said they wanted to add routes to Asia.",
        "to add routes",
        dict(not_speaker="Tom Reyes", may_merge=True),
        "they-inside-an-unnamed-speakers-statement",
    ),
    (
        "Tom Reyes met the mayor on Monday. Maria Lopez said he wanted the border reopened.",
        "the border reopened",
        dict(speaker="Tom Reyes"),
        "he-inside-her-statement-is-not-her",
    ),
    # "they" speaks for people or bodies, never for one named person
    (
        "Governor Tom Reyes left the hall after the vote. They said the result was a surprise.",
        "the result was",
        dict(not_speaker="Tom Reyes"),
        "they-is-not-one-person",
    ),
    # "it" is not a plural group; a commenter of a site is not the site
    (
        "Hundreds of employees lost their jobs on Friday. It said the layoffs were voluntary.",
        "the layoffs",
        dict(not_speaker="employees"),
        "it-is-not-a-plural-group",
    ),
    (
        "'Nobody warned us,' one Weibo commenter said.",
        "Nobody warned us",
        dict(unnamed="one Weibo commenter"),
        "a-sites-commenter-is-not-the-site",
    ),
    # a group noun keeps the words that say whose it is; a dateline is not among them
    (
        "Senator Anna Kowalski lost the vote. Kowalski's top advisers said the campaign would go on.",
        "the campaign would",
        dict(unnamed="Kowalski's top advisers"),
        "owner-before-a-qualified-group-noun",
    ),
    (
        "Chinese military commentators said the shoal would be fortified.",
        "the shoal",
        dict(unnamed="Chinese military commentators"),
        "nationality-before-a-group-noun",
    ),
    (
        "GENEVA - Senior Chinese military commentators said on Friday that the union would hold.",
        "the union would hold",
        dict(unnamed="Senior Chinese military commentators"),
        "dateline-is-not-part-of-the-speaker",
    ),
    # a reporting verb embedded in the sentence is not a parenthetical cue reporting it
    (
        "Residents could hear children shouting in the street below.",
        "Residents could hear",
        dict(absent=True),
        "embedded-participle-is-not-a-parenthetical-cue",
    ),
    # an unnamed speaker's words keep the phrase that says whose they are
    (
        "Aides to Governor Tom Reyes said the bill would be signed on Friday.",
        "the bill",
        dict(unnamed="Aides to Governor Tom Reyes"),
        "aides-to-a-named-person",
    ),
    # the inverted attribution of newswire style
    (
        'Analyst Tom Reyes has studied the plan for months. Said Reyes: "The numbers do not add up."',
        "The numbers",
        dict(speaker="Tom Reyes"),
        "inverted-said-name-colon",
    ),
    # a reporting clause between commas reports its host also when the host's verb is a cue
    (
        "Mayor Ana Torres opened the new school on Monday.\n\n"
        "At first, Torres said, she had considered closing the old one.",
        "At first",
        dict(speaker="Ana Torres", text="At first, Torres said, she had considered closing the old one"),
        "parenthetical-cue-in-a-host-whose-verb-is-a-cue",
    ),
    # "As X noted, ...": a bare reporting clause opened by "as" reports the clause it hangs on,
    # before it or after it; not a clause that names how one speaks, nor one with its own content
    (
        "As Senator Maria Lopez noted, the council had spent the whole reserve fund on the stadium.",
        "the council",
        dict(speaker="Maria Lopez", text="the council had spent the whole reserve fund on the stadium"),
        "as-clause-before-its-host",
    ),
    (
        "The bridge will reopen in May, as the engineer Tom Reyes predicted.",
        "The bridge",
        dict(speaker="Tom Reyes", text="The bridge will reopen in May"),
        "as-clause-after-its-host",
    ),
    (
        "As Senator Maria Lopez spoke, protesters gathered outside the hall.",
        "protesters",
        dict(absent=True),
        "as-clause-of-speaking-is-a-time",
    ),
    (
        "The town voted for the plan, as residents responded to the flooding.",
        "The town",
        dict(absent=True),
        "as-clause-with-its-own-content",
    ),
    # a quotation before a cue that has a clause of its own after it is not that cue's words
    (
        "Ana Torres celebrated in Denver with volunteers, declaring it \u201canother big Friday for our team\u201d "
        "and said it was one more step toward winning the county.",
        "it was one more step",
        dict(speaker="Ana Torres", text="it was one more step toward winning the county"),
        "quotation-before-a-cue-with-its-own-clause",
    ),
    # a source phrase that closes its sentence sources the whole sentence, not only the last
    # conjunct the parser hung it on
    (
        "The county paved twelve roads, the school board hired ten teachers and the library "
        "opened on Sundays, according to Mayor Ana Torres.",
        "The county",
        dict(
            speaker="Ana Torres",
            text="The county paved twelve roads, the school board hired ten teachers and the library opened on Sundays",
        ),
        "sentence-final-according-to-sources-the-whole-sentence",
    ),
    # an on-phrase without what it calls for is a time, not whom the speaker calls on
    (
        "Senator Ana Torres on Friday called the county’s decision “reckless.”",
        "the county",
        dict(speaker="Ana Torres", text="the county’s decision “reckless.”"),
        "called-on-a-day-labels-its-object",
    ),
    # the parser may make the object a modifier of the quoted label: the label's phrase holds both
    (
        "Tom Reyes called the former minister “Wagner’s loyal servant.”",
        "the former minister",
        dict(speaker="Tom Reyes", text="the former minister “Wagner’s loyal servant.”"),
        "called-an-object-a-quoted-label-parsed-as-one-phrase",
    ),
    # "for" parsed as the marker of an infinitive clause with its own subject
    (
        "Defence Minister Anna Kowalski is calling for the alliance to send more air defence systems to the border.",
        "the alliance",
        dict(speaker="Anna Kowalski", text="the alliance to send more air defence systems to the border"),
        "calling-for-a-clause-with-its-own-subject",
    ),
    # the rule lemmatizer takes "hopes" for a form of "hop" (lemmas.tsv sets it right)
    (
        "Governor Tom Reyes hopes the new bridge will open before the winter.",
        "the new bridge",
        dict(speaker="Tom Reyes", text="the new bridge will open before the winter"),
        "hopes-is-a-form-of-hope",
    ),
    (
        "The rebels were hoping to take the airport by Sunday.",
        "to take the airport",
        dict(unnamed="The rebels", text="to take the airport by Sunday"),
        "hoping-is-a-form-of-hope",
    ),
    # what one says or notes can be a noun phrase (reporting.tsv: the object slot of say, note)
    (
        "Asked about the ceasefire, Defence Minister Anna Kowalski said the same thing.",
        "the same thing",
        dict(speaker="Anna Kowalski", text="the same thing"),
        "said-an-object",
    ),
    (
        "In her speech, Mayor Ana Torres noted the sharp rise in shelling near the port.",
        "the sharp rise",
        dict(speaker="Ana Torres", text="the sharp rise in shelling near the port"),
        "noted-an-object",
    ),
    (
        "In a long interview, General Tom Reyes explained the risks of a winter offensive.",
        "the risks",
        dict(speaker="Tom Reyes", text="the risks of a winter offensive"),
        "explained-an-object",
    ),
    (
        "Mayor Ana Torres described the dire situation in the eastern districts.",
        "the dire situation",
        dict(speaker="Ana Torres", text="the dire situation in the eastern districts"),
        "described-an-object-without-an-as-phrase",
    ),
    # a second complement clause opened by "that", which the parser hangs on the verb as a conjunct
    (
        "Senator Maria Lopez believes there are no good options, but that a ceasefire will have to do.",
        "there are no good options",
        dict(speaker="Maria Lopez", text="there are no good options, but that a ceasefire will have to do"),
        "second-that-clause-of-the-same-verb",
    ),
    # a statement speaks for whoever issued it; an unnamed issuer is labelled with its own words
    (
        "The local union released a statement saying the plant was unsafe.",
        "the plant was unsafe",
        dict(unnamed="The local union"),
        "unnamed-issuer-of-a-statement-saying",
    ),
    (
        "The regional ministry issued a statement on Sunday.\n\n"
        "“The strike hit a fuel depot near the port,” the statement said.",
        "The strike hit",
        dict(unnamed="The regional ministry"),
        "the-statement-said-after-an-unnamed-issuer",
    ),
    # a participle with an agent is passive: the agent asks, not the clause's subject
    (
        "Reporters met Tom Reyes in Denver.\n\n"
        "“Absolutely not,” he said when asked by a reporter if the convoy would turn back.",
        "if the convoy",
        dict(unnamed="a reporter", not_speaker="Tom Reyes"),
        "asked-by-an-agent-without-an-auxiliary",
    ),
    # a one-word answer quoted next to its cue is said; a scare-quoted word is not a statement
    (
        "Reporters asked General Tom Reyes whether the convoy would turn back.\n\n“Never,” he said.",
        "Never",
        dict(speaker="Tom Reyes", text="Never"),
        "one-word-answer-next-to-its-cue",
    ),
    (
        "The ministry called the report “propaganda” and moved on.",
        "propaganda",
        dict(absent=True),
        "scare-quoted-word-is-not-a-statement",
    ),
    # a parenthetical cue the parser made a relative clause of the subject: the subject is said too
    (
        "The new checkpoint, Colonel Tom Reyes said, will open in the spring.",
        "The new checkpoint",
        dict(speaker="Tom Reyes", text="The new checkpoint, Colonel Tom Reyes said, will open in the spring"),
        "parenthetical-cue-given-the-host-subject-as-a-second-subject",
    ),
    (
        "The new bridge, Mayor Tom Reyes said, will open in the spring.",
        "The new bridge",
        dict(speaker="Tom Reyes", text="The new bridge, Mayor Tom Reyes said, will open in the spring"),
        "parenthetical-cue-parsed-as-a-relative-clause-of-the-subject",
    ),
    # a count or tally speaks for whoever made it, like a report or a poll
    (
        "The rebels hold 40 villages, according to a count by the Associated Press.",
        "The rebels hold",
        dict(speaker="Associated Press"),
        "a-count-by-an-agency-is-the-agency-s",
    ),
    # a surname after a title of one gender is the person of that gender with the surname
    (
        "Foreign Minister Anna Kowalski and her husband, Piotr Kowalski, arrived in Kyiv on Monday.\n\n"
        "Mr. Kowalski said the ceasefire would not hold.",
        "the ceasefire",
        dict(speaker="Piotr Kowalski"),
        "mr-surname-is-the-man-with-the-surname",
    ),
    # a quoted title before a cue that has its own "whether" clause is not what was asked
    (
        'During an interview on the radio show "Morning Edition," the minister was asked by the host '
        "whether the ceasefire would hold.",
        "the ceasefire would hold",
        dict(text="the ceasefire would hold", unnamed="the host"),
        "quoted-title-before-a-cue-with-its-own-clause",
    ),
    # the parser may join the source's own relative clause to the sentence's verb across
    # "according to": a conjunction inside the phrase keeps that clause the source's
    (
        "The army has withdrawn from the town, according to two officers who spoke to reporters but were "
        "not allowed to give their names.",
        "The army has withdrawn",
        dict(text="The army has withdrawn from the town", unnamed="two officers"),
        "according-to-source-clause-joined-across-the-phrase",
    ),
    (
        "Piotr Kowalski and his wife, Foreign Minister Anna Kowalski, arrived in Kyiv on Monday.\n\n"
        "Mrs. Kowalski said the ceasefire would not hold.",
        "the ceasefire",
        dict(speaker="Anna Kowalski"),
        "mrs-surname-is-the-woman-with-the-surname",
    ),
    # a participle on what a recording is of, or on the object of a verb of seeing, speaks
    # for that one, not for the verb's subject; set off by a comma it is the subject's
    (
        "The ad uses footage of Senator Maria Lopez warning that the war will last for years.",
        "the war will last",
        dict(speaker="Maria Lopez"),
        "participle-on-footage-of-someone",
    ),
    (
        'The opposition ad uses a clip of Governor Tom Reyes saying, "We will not raise taxes this year."',
        "We will not raise",
        dict(speaker="Tom Reyes"),
        "participle-on-a-clip-of-someone",
    ),
    (
        "Cameras caught Governor Tom Reyes telling donors that the war was already lost.",
        "the war was already lost",
        dict(speaker="Tom Reyes"),
        "participle-on-the-object-of-a-verb-of-seeing",
    ),
    (
        "Governor Tom Reyes criticised the plan at the summit, saying the troops should leave.",
        "the troops should leave",
        dict(speaker="Tom Reyes"),
        "participle-after-a-comma-is-the-subjects",
    ),
    # a finite verb the parser joined to another with no conjunction anywhere, right after
    # an aside set off by commas, is said by the name before the aside
    (
        "Governor Tom Reyes has opposed the plan since Minister Anna Kowalski, at the summit in Geneva, "
        "announced that the troops would stay.",
        "the troops would stay",
        dict(speaker="Anna Kowalski"),
        "finite-verb-joined-without-a-conjunction",
    ),
    (
        "Governor Tom Reyes has opposed the plan since Minister Anna Kowalski, speaking at the summit, "
        "announced that the troops would stay.",
        "the troops would stay",
        dict(speaker="Anna Kowalski"),
        "finite-verb-joined-without-a-conjunction-after-a-participle-aside",
    ),
    # a relative clause on what a named subject is said to be is the subject's
    (
        "Governor Tom Reyes regularly attacks the press and is a serial liar, rampant bully and demagogue "
        "who has repeatedly pledged to close the border.",
        "to close the border",
        dict(speaker="Tom Reyes"),
        "relative-clause-on-a-predicate-noun",
    ),
    (
        "Tom Reyes is the official who announced that the border would close.",
        "the border would close",
        dict(speaker="Tom Reyes"),
        "relative-clause-on-a-predicate-noun-2",
    ),
    # a clause opened by a subordinator of time or cause says when or why, not what
    (
        'Protesters wore shirts with the words "I can\'t breathe," as Tom Reyes, lying on the pavement, '
        "said before he died.",
        "before he died",
        dict(absent=True),
        "said-before-is-not-what-was-said",
    ),
    (
        "Governor Tom Reyes wins the vote, vows to press on with the reform.",
        "to press on",
        dict(speaker="Tom Reyes"),
        "headline-verbs-joined-by-a-comma-share-the-subject",
    ),
    (
        "Governor Tom Reyes told reporters the plan was dead and warned that the troops would stay.",
        "the troops would stay",
        dict(speaker="Tom Reyes"),
        "finite-verb-joined-with-and-shares-the-subject",
    ),
    # the gerund of a for/of phrase is done by the one blamed or charged: the verb's object, or
    # the subject of a passive verb, not the one who blames
    (
        "Senator Anna Kowalski blasted Governor Tom Reyes for claiming that the vote had been rigged.",
        "the vote had been rigged",
        dict(speaker="Tom Reyes", not_speaker="Anna Kowalski"),
        "object-of-blame-does-the-gerund",
    ),
    (
        "Governor Tom Reyes was criticized by Senator Anna Kowalski for claiming that the vote had been rigged.",
        "the vote had been rigged",
        dict(speaker="Tom Reyes", not_speaker="Anna Kowalski"),
        "passive-subject-of-blame-does-the-gerund",
    ),
    (
        "Governor Tom Reyes won praise for saying that the border would stay open.",
        "the border would stay open",
        dict(speaker="Tom Reyes"),
        "a-thing-object-leaves-the-gerund-to-the-subject",
    ),
    # a pronoun's gender rules out only a person whose given name has one gender
    (
        "North Korean leader Kim Jong Un watched the launch on Friday. He said the test had been a success.",
        "the test had been a success",
        dict(speaker="Kim Jong Un"),
        "family-name-first-is-not-a-gendered-given-name",
    ),
    (
        '"The plan does not hold up," said widow Terry Strada.\n\nShe continued, "All we ask is a hearing."',
        "All we ask",
        dict(speaker="Terry Strada"),
        "a-name-borne-by-both-fits-she",
    ),
    (
        "Ivanka Trump, the candidate's eldest daughter, spoke on Monday. She said the plan would cover fathers.",
        "the plan would cover fathers",
        dict(speaker="Ivanka Trump", not_speaker="Donald Trump"),
        "another-given-name-before-a-known-surname-speaks-for-herself",
    ),
    # a spokesman speaks for the principal; an aide or adviser only for themselves
    (
        'Governor Tom Reyes spoke in Dayton on Monday. "The speech was a disaster," said one Reyes aide.',
        "The speech was a disaster",
        dict(unnamed="one Reyes aide", not_speaker="Tom Reyes"),
        "an-aide-is-not-the-principal",
    ),
    (
        "Governor Tom Reyes spoke in Dayton on Monday. A spokesman for Reyes said the speech went well.",
        "the speech went well",
        dict(speaker="Tom Reyes"),
        "a-spokesman-speaks-for-the-principal",
    ),
    (
        "Governor Tom Reyes spoke in Dayton on Monday. His spokesman said the speech went well.",
        "the speech went well",
        dict(speaker="Tom Reyes"),
        "his-spokesman-speaks-for-him",
    ),
    (
        "Governor Anna Kowalski met Tom Reyes in Dayton. Her spokesman said the talks went well.",
        "the talks went well",
        dict(speaker="Anna Kowalski", not_speaker="Tom Reyes"),
        "her-spokesman-speaks-for-her-not-for-him",
    ),
    (
        "The police released the footage on Friday. Scott's relatives watched the videos on Thursday, "
        "according to their attorneys.",
        "Scott's relatives watched",
        dict(not_speaker="police"),
        "their-attorneys-are-not-the-last-group-named",
    ),
    # a pronoun goes back to the subject of the sentence before, not to a name inside what
    # that subject said
    (
        "Governor Tom Reyes said the talks had stalled and noted that Mark Olsen had conceded the seat. "
        '"The vote was fair," he said.',
        "The vote was fair",
        dict(speaker="Tom Reyes", not_speaker="Mark Olsen"),
        "pronoun-after-a-reported-clause-is-its-reporter",
    ),
    (
        'Governor Tom Reyes spoke in Dayton. "We are tired of waiting," he said.\n\n'
        "He wants a plan with some of the ideas Mark Olsen championed. Even then, he said, the vote was fair.",
        "Even then",
        dict(speaker="Tom Reyes", not_speaker="Mark Olsen"),
        "pronoun-continues-the-pronoun-subject-before",
    ),
    # "when asked if ...": the one the sentence is about was asked, by someone not named
    (
        '"I stand by every word," Governor Tom Reyes told reporters when asked if he still opposes the plan.',
        "if he still opposes the plan",
        dict(no_speaker=True),
        "a-bare-participle-clause-is-passive",
    ),
    (
        "The decision rests with Attorney General Anna Kowalski, who told the committee when asked about "
        'the inquiry: "That matter is being handled by career agents."',
        "That matter is being handled",
        dict(speaker="Anna Kowalski"),
        "when-asked-before-a-colon-leaves-the-quotation-to-the-telling",
    ),
    (
        "Worried that the country might miss its target, Governor Tom Reyes said the mines would close.",
        "the country might miss",
        dict(speaker="Tom Reyes"),
        "a-participle-of-worry-is-the-subjects-own",
    ),
    # a subject the parser lost to a clause before the verb
    (
        "Governor Anna Kowalski has 31 endorsements. Reyes, meanwhile, who sits at zero such endorsements, "
        "said that fact speaks volumes about the race.",
        "fact speaks volumes",
        dict(speaker="Reyes"),
        "a-name-and-a-relative-pronoun-both-made-subjects-of-the-clause-before",
    ),
    # a speaker goes on after a long quotation of her own, however many sentences it has
    (
        "Anna Kowalski can be heard shouting to the officers that her husband is unarmed.\n\n"
        '"Don\'t shoot him," she says. "Don\'t shoot him. He has no weapon. He has no weapon. Stop. '
        "Please stop. Please. Don't shoot him.\"\n\nShe then begs her husband to stay in the car, saying the police will leave.",
        "the police will leave",
        dict(speaker="Anna Kowalski"),
        "a-speaker-goes-on-after-her-own-long-quotation",
    ),
    # a document in a series or batch speaks for the one who put the series out
    (
        "Governor Tom Reyes unleashed a series of tweets criticizing the new border plan on Sunday.",
        "the new border plan",
        dict(speaker="Tom Reyes"),
        "a-series-of-tweets-speaks-for-its-issuer",
    ),
    # a gendered noun next to a name says the person's gender, whatever the given name suggests
    (
        '"The plan is unfair," said widow Jordan Strada.\n\nShe continued, "All we ask is a hearing."',
        "All we ask",
        dict(speaker="Jordan Strada"),
        "a-widow-is-she-whatever-her-given-name",
    ),
    (
        'Congressman Terry Jones spoke in Dayton. Leslie Smith, his wife, spoke later. "We will win," he said.',
        "We will win",
        dict(speaker="Terry Jones"),
        "a-congressman-is-he-and-a-wife-is-not",
    ),
    (
        "Campaign spokesman Anna Kowalski confirmed the group was independent. "
        '"They are not affiliated with the campaign," she said.',
        "They are not affiliated",
        dict(speaker="Anna Kowalski"),
        "spokesman-is-said-of-women-too",
    ),
    (
        "The judge ordered the release of internal documents that showed Governor Tom Reyes had known of the plan.",
        "Governor Tom Reyes had known",
        dict(not_speaker="the judge"),
        "a-release-of-documents-is-not-a-batch-the-judge-issued",
    ),
    # "they" under a group subject is that group, labelled with the group's words
    (
        "Governor Tom Reyes’s campaign is seeking to contrast his approach with what they call "
        "Anna Kowalski’s “self-centered message.”",
        "Anna Kowalski’s “self-centered",
        dict(unnamed="Governor Tom Reyes’s campaign"),
        "they-under-a-group-subject-is-that-group",
    ),
    (
        "Governor Tom Reyes has a plan for the state. Such efforts, they believe, will make the race moot.",
        "Such efforts",
        dict(not_unnamed="Such efforts"),
        "they-under-a-subject-that-is-not-people-is-not-it",
    ),
]


@pytest.mark.parametrize("text, begins, expected", [pytest.param(*r[:3], id=r[3]) for r in ROWS])
def test_clause_table(nlp, text, begins, expected):
    ex = extract_article(Article(source="clauses.txt", text=text), nlp)
    found = [s for s in ex.statements if s.text.startswith(begins)]
    if expected.get("absent"):
        assert not found, [(s.cue, s.text) for s in found]
        return
    if expected.get("may_merge") and not found:
        return  # merged into the statement it is nested in, which has the same speaker
    assert found, f"no statement beginning {begins!r} in {[s.text for s in ex.statements]}"
    st = found[0]
    assert text[st.span.start : st.span.end] == st.text  # verbatim, always
    spk = next((e for e in ex.entities if e.key == st.speaker), None)
    if "speaker" in expected:
        assert spk is not None and expected["speaker"] in (spk.label, *spk.aliases), spk
    if expected.get("no_speaker"):
        assert st.speaker is None, spk
    if "unnamed" in expected:
        assert spk is not None and spk.type == "Speaker" and spk.label == expected["unnamed"], spk
    if "not_speaker" in expected:
        assert spk is None or expected["not_speaker"] not in (spk.label, *spk.aliases), spk
    if "not_unnamed" in expected:
        assert spk is None or spk.label != expected["not_unnamed"], spk
    if "text" in expected:
        assert st.text == expected["text"]


def test_document_speaker_is_labelled_with_its_author(nlp):
    """'In a statement, the union said ...': the unnamed author is labelled with its own words,
    not with the document's."""
    text = (
        "In a statement announcing the pick, the regional farmers' union called the plan a betrayal of growers. "
        "The statement said the union would march on Friday."
    )
    ex = extract_article(Article(source="doc.txt", text=text), nlp)
    labels = {e.label for e in ex.entities if e.type == "Speaker"}
    assert labels and not any(label.lower() in ("a statement", "the statement") for label in labels), labels


def test_relaying_source_phrase_is_not_a_statement_of_its_own(nlp):
    """'According to the agency, X says Y': the agency relays X's statement, with the
    attribution's own words counted as X's, even when Y loses a trailing aside."""
    text = (
        "According to the Associated Press, his campaign manager, Jeff Weaver, says the streak is proof the "
        "candidate can close the gap in delegates, which stood at 263 on Tuesday."
    )
    ex = extract_article(Article(source="relay.txt", text=text), nlp)
    assert [s.cue for s in ex.statements] == ["says"], [(s.cue, s.text) for s in ex.statements]
    st = ex.statements[0]
    assert st.text == "the streak is proof the candidate can close the gap in delegates"
    assert st.reported_by is not None


def _reparsed(nlp, text, changes):
    """`text` as the pipeline parses it, with some heads and labels changed to the parse the
    small model gives sentences of that shape when they run long (a real Doc, every other
    annotation the pipeline's)."""
    from spacy.tokens import Doc

    d = nlp(text)
    heads = [t.head.i for t in d]
    deps = [t.dep_ for t in d]
    for i, (head, dep) in changes.items():
        heads[i], deps[i] = head, dep
    return Doc(
        nlp.vocab,
        words=[t.text for t in d],
        spaces=[bool(t.whitespace_) for t in d],
        tags=[t.tag_ for t in d],
        pos=[t.pos_ for t in d],
        lemmas=[t.lemma_ for t in d],
        heads=heads,
        deps=deps,
        ents=[(t.ent_iob_ + "-" + t.ent_type_) if t.ent_type_ else "O" for t in d],
    )


def test_closing_tag_reports_the_sentence_before_its_comma_however_parsed(nlp):
    """'A long sentence ..., she said.' where the parser made "said" a clause of the sentence's
    verb and gave it words of the sentence (a subordinator, a subject): the reporting clause
    still closes the sentence, and reports everything before its comma."""
    from kgraph.extract import extract_doc

    text = (
        "The war has also made it possible for smugglers with well-armed, if small, crews and boats "
        "to move fuel across the river and reach buyers, she said."
    )
    # made (4) the root; said (31) an adverbial clause of it, given "for" (7) and "smugglers" (8)
    doc = _reparsed(nlp, text, {4: (4, "ROOT"), 31: (4, "advcl"), 7: (31, "mark"), 8: (31, "nsubj"), 32: (4, "punct")})
    assert doc[31].dep_ == "advcl" and doc[8].head.i == 31
    ex = extract_doc(doc, Article(source="tag.txt", text=text))
    assert [(s.cue, s.text) for s in ex.statements] == [("said", text[: text.index(", she said")])]


def test_closing_tag_needs_a_clause_before_it(nlp):
    """'But even after the shelling stopped, she said.': the words before the comma are a
    subordinate clause, not something said."""
    text = "Aid worker Maria Lopez toured the camp. But even after the shelling stopped, she said."
    ex = extract_article(Article(source="tag.txt", text=text), nlp)
    assert not ex.statements, [(s.cue, s.text) for s in ex.statements]


def test_a_subject_inside_the_quotation_a_participle_opens_is_not_its_speaker(nlp):
    """'X seemed ready ..., telling the crowd, "Some people ..., have you noticed that?"' where
    the parser hung "telling" on the quotation's own verb: "you" is not the speaker, nor the
    place next to the participle; the subject of the sentence's main verb is."""
    from kgraph.extract import extract_doc

    text = (
        "Governor Tom Reyes seemed ready to joke about it in Dayton, telling the crowd, "
        '"Some people get a little carried away, have you noticed that?"'
    )
    d = nlp(text)
    telling = next(t.i for t in d if t.text == "telling")
    noticed = next(t.i for t in d if t.text == "noticed")
    seemed = next(t.i for t in d if t.text == "seemed")
    doc = _reparsed(nlp, text, {telling: (noticed, "advcl"), noticed: (seemed, "ccomp")})
    assert doc[telling].head.i == noticed and any(
        c.lower_ == "you" and c.dep_ == "nsubj" for c in doc[noticed].children
    )
    ex = extract_doc(doc, Article(source="tag.txt", text=text))
    st = next(s for s in ex.statements if s.text.startswith("Some people get"))
    assert st.speaker is not None and "reyes" in st.speaker
