"""Texts of the bundled sample corpus: illustrative, written for palermo, not real statements.

Each document is a list of blocks read by make_samples.py:
    ("title", text)          bold title line
    ("line", text)           plain front-matter line (organization, meeting, date)
    ("italic", text)         italic front-matter line ("Check against delivery")
    ("h1", text) / ("h2", text)  headings
    ("p", text)              a paragraph
    ("num", "12.", text)     a numbered paragraph (UN style)
    ("sub", "(a)", text)     a sub-item of the numbered paragraph before it
    ("bullet", text) / ("table", rows)  DOCX only: a bulleted item, a table (first row = header)
PDF texts use latin-1 characters only (core fonts) and plain ASCII punctuation.
"""

NOTE_EN = "Illustrative sample written for the palermo project - not a real statement."
NOTE_DOC = "Illustrative sample written for the palermo project - not a real document."
NOTE_NEWS = "Illustrative sample written for the palermo project - not a real news article."
NOTE_ES = "Ejemplo ilustrativo escrito para el proyecto palermo - no es una declaración real."
NOTE_FR = "Exemple illustratif rédigé pour le projet palermo - ceci n'est pas une déclaration réelle."

# 1. Civil-society statement, Constructive Dialogue on Trafficking in Persons ------------------
CD_TIP_2024 = [
    ("title", "Statement by the Coalition for Migrant Dignity"),
    ("line", "Constructive Dialogue on Trafficking in Persons"),
    ("line", "Vienna, 3 July 2024"),
    ("italic", "Check against delivery"),
    ("p", "Thank you, Chair."),
    ("p", "The Coalition for Migrant Dignity is a network of 37 community organizations that work with "
          "migrant workers, survivors of trafficking and their families in South and South-East Asia, West "
          "Africa and the Gulf. We welcome this Constructive Dialogue, held after the meeting of the Working "
          "Group on Trafficking in Persons, and we thank UNODC for supporting the participation of "
          "non-governmental stakeholders in the review mechanism of the Organized Crime Convention."),
    ("p", "Our frontline staff see every day that victim identification remains the weakest link in the "
          "response to trafficking. In 2023, partner shelters in the Philippines and Nigeria assisted 412 "
          "persons, yet fewer than one in five of them had been formally identified as a victim by the "
          "authorities. Many were first treated as irregular migrants, detained for immigration offences and "
          "returned before anyone asked how they had been recruited and by whom."),
    ("p", "The Trafficking in Persons Protocol is clear that identification is the gateway to protection. "
          "Without it, the assistance foreseen in article 6 of the Trafficking in Persons Protocol - housing, "
          "counselling, medical care and information on legal proceedings in a language the victim "
          "understands - stays on paper. Article 25 of the Convention likewise asks States parties to "
          "establish procedures for compensation and restitution, which the survivors we know almost never "
          "reach."),
    ("p", "We are equally concerned that victims continue to be prosecuted for offences they were compelled "
          "to commit: using false documents, working without a permit, or taking part in online fraud "
          "operations under threat of violence. The non-punishment of victims is not a loophole for "
          "offenders. It is the condition for victims to come forward, to trust the authorities and to "
          "testify against those who exploited them."),
    ("p", "Dr. Amina Qureshi, our director, met last month with a group of survivors who had been held in "
          "scam compounds for more than a year. Their message was simple: they were treated as criminals "
          "first, and as victims only much later, if at all. Two of them are still awaiting trial in the "
          "country where they were rescued."),
    ("p", "We also note that the self-assessment questionnaires and lists of observations produced in the "
          "review process remain largely confidential. Civil society can contribute far more to the "
          "follow-up when States choose to publish them, as several States parties have already done."),
    ("p", "We urge States parties to adopt national referral mechanisms with clear, written indicators for "
          "victim identification, and to train labour inspectors, consular staff and border officials to "
          "apply them, including to cases of trafficking for forced criminality."),
    ("p", "We further urge States parties to enshrine the non-punishment principle in law and to ensure that "
          "prosecutors apply it from the first contact with a presumed victim, not only at the end of a "
          "trial."),
    ("p", "We call upon UNODC to support States in collecting data on identified victims, disaggregated by "
          "sex, age, nationality and form of exploitation, and to publish that data in its global reporting."),
    ("p", "We call upon UNODC, IOM and UNHCR to strengthen their cooperation on the referral of victims who "
          "are identified among asylum seekers and migrants travelling in mixed movements."),
    ("p", "We recommend that the Working Group on Trafficking in Persons devote a future session to the "
          "implementation of the non-punishment principle, with the participation of survivor-led "
          "organizations."),
    ("p", "The Coalition stands ready to share its case documentation, with the consent of the persons "
          "concerned, with any State party under review. Thank you."),
]

# 2. State statement, Constructive Dialogue on Smuggling of Migrants --------------------------
CD_SOM_2024 = [
    ("title", "Statement by the delegation of Pakistan"),
    ("line", "Constructive Dialogue on Smuggling of Migrants"),
    ("line", "Vienna, 10 July 2024"),
    ("italic", "Check against delivery"),
    ("p", "Thank you, Chair."),
    ("p", "Distinguished co-chairs, representatives of civil society, academia and the private sector, my "
          "delegation is grateful for the opportunity to take part in this dialogue, which follows the "
          "meeting of the Working Group on the Smuggling of Migrants."),
    ("p", "Pakistan is committed to dismantling the criminal networks that profit from the dangerous journeys "
          "of migrants, and to treating smuggled migrants with dignity. The Prevention of Smuggling of "
          "Migrants Act of 2018 criminalizes the smuggling of migrants in terms consistent with article 6 of "
          "the Smuggling of Migrants Protocol, and it does not make migrants liable to prosecution for the "
          "fact of having been smuggled."),
    ("p", "The Federal Investigation Agency (FIA) is the lead agency for the enforcement of that law. Its "
          "anti-human trafficking circles in the provinces investigate smuggling cases, and its "
          "immigration wing screens departing passengers at international airports. The FIA also maintains "
          "a list of the most wanted smugglers, which it shares with partner agencies through INTERPOL."),
    ("p", "We thank Djibouti and Tonga, our reviewing States, for their constructive engagement during the "
          "review of Pakistan under the review mechanism of the Organized Crime Convention. The dialogue "
          "with the experts of both countries helped us to identify where our legislation and our practice "
          "can still be strengthened."),
    ("p", "A key challenge remains the investigation of smuggling networks whose organizers operate from "
          "abroad and move their proceeds through informal value transfer systems. Evidence is often "
          "located in several jurisdictions, and a request for mutual legal assistance can take many months "
          "to be answered."),
    ("p", "Pakistan would benefit from technical assistance in financial investigations linked to migrant "
          "smuggling, in the collection and use of digital evidence, and in the protection of smuggled "
          "migrants who suffer violence during their journey."),
    ("p", "We will continue to work with UNODC, IOM and neighbouring countries on coordinated border "
          "management and on awareness campaigns in the districts from which most irregular migrants "
          "depart. We will continue to share information on smuggling routes with countries of transit and "
          "destination."),
    ("p", "Pakistan also values the contribution of civil society. Several of the organizations present "
          "today helped us to prepare our responses to the self-assessment questionnaire, and we intend to "
          "consult them again during the follow-up to the review."),
    ("p", "I thank you."),
]

# 3. Co-chairs' summary, Constructive Dialogue on Firearms ------------------------------------
CD_FA_2023 = [
    ("title", "Constructive Dialogue on Firearms"),
    ("line", "Vienna and online, 10 May 2023"),
    ("title", "Summary by the co-chairs"),
    ("h1", "Introduction"),
    ("p", "The Constructive Dialogue on Firearms was held on 10 May 2023 in Vienna and online, following the "
          "meeting of the Working Group on Firearms held from 8 to 9 May 2023. It was convened pursuant to "
          "paragraph 53 of the procedures and rules for the functioning of the Mechanism for the Review of "
          "the Implementation of the Organized Crime Convention and the Protocols thereto."),
    ("p", "The dialogue was co-chaired by Ms. Ingrid Haugen (Norway) and Mr. Ramon Dizon (Philippines). "
          "UNODC, as secretariat, introduced the topics of the meeting and the state of the review process."),
    ("h1", "Participation"),
    ("p", "The dialogue was attended by 42 participants: 18 from non-governmental organizations, 9 from "
          "academia, 4 from the private sector and 11 representatives of States. Eleven written statements "
          "were submitted in advance and are available on the website of the review mechanism."),
    ("h1", "Topics raised"),
    ("p", "Several participants recalled that marking and licensing, addressed in articles 8 and 10 of the "
          "Firearms Protocol, are the foundation of any tracing system. Without a unique marking at the time "
          "of manufacture and import, and without a licence for every export, import and transit, a seized "
          "firearm cannot be traced back to the point where it was diverted."),
    ("p", "Researchers presented findings on firearms seized in the Western Balkans and in Central America, "
          "showing that a large share of them had been legally produced and later diverted through theft "
          "from stockpiles, fraudulent end-user certificates or straw purchases. Record-keeping under "
          "article 7 of the Firearms Protocol was described as uneven, in particular for firearms that had "
          "been deactivated or reactivated."),
    ("p", "A representative of a private-sector association described how manufacturers had adapted their "
          "marking practices and suggested that States align their requirements with international "
          "standards. Other participants raised concerns about privately made firearms, including weapons "
          "assembled from parts produced with 3D printers, which escape both marking and licensing."),
    ("p", "Participants from non-governmental organizations stressed the gendered impact of firearms "
          "trafficking, the role of brokers regulated by article 15 of the Firearms Protocol, and the need "
          "to involve victims of armed violence and local communities in prevention programmes."),
    ("h1", "Suggestions for States"),
    ("p", "On the basis of the discussion, the co-chairs noted the following suggestions. States should "
          "ensure that every firearm seized in a criminal investigation is systematically traced, and that "
          "the results are shared with the countries of manufacture and transit."),
    ("p", "States should criminalize the illicit manufacturing of parts and components, in line with "
          "article 5 of the Firearms Protocol, and review whether their legislation covers firearms "
          "produced with new technologies."),
    ("p", "States parties should consider establishing a national focal point on firearms that civil society "
          "and researchers can contact, and publishing national data on seized, found and surrendered "
          "firearms."),
    ("p", "States parties should consider involving civil society in the preparation of their responses to "
          "the self-assessment questionnaire and in the follow-up to their country reviews."),
    ("h1", "Closing"),
    ("p", "The co-chairs thanked participants for a frank and constructive exchange. The present summary is "
          "issued under the responsibility of the co-chairs and does not represent a position negotiated or "
          "agreed by States."),
]

# 4. Working-group report (UN document layout) ------------------------------------------------
WG4_SYMBOL = "CTOC/COP/WG.4/2024/9"
WG4_JOB = "V.24-01234"
WG4_FRONT = {
    "body": "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    "distr": ["Distr.: General", "12 September 2024", "", "Original: English"],
    "meeting": ["Working Group on Trafficking in Persons", "Vienna, 1-3 July 2024",
                "Item 2 of the provisional agenda"],
    "title": "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 1 to 3 "
             "July 2024",
}
WG4_BODY = [
    ("h1", "I. Introduction"),
    ("num", "1.", "The Working Group on Trafficking in Persons was established by the Conference of the Parties "
                  "to the United Nations Convention against Transnational Organized Crime in its decision 4/4, to "
                  "advise and assist the Conference in the implementation of its mandate with regard to the "
                  "Trafficking in Persons Protocol."),
    ("num", "2.", "In its resolution 10/1, the Conference launched the review process of the Mechanism for the "
                  "Review of the Implementation of the Convention and the Protocols thereto. Under paragraph 53 "
                  "of the procedures and rules for the functioning of the Mechanism, the working groups hold "
                  "constructive dialogues with non-governmental stakeholders after their meetings."),
    ("num", "3.", "The present report summarizes the deliberations of the Working Group at its meeting held in "
                  "Vienna from 1 to 3 July 2024 and sets out the recommendations that it adopted. The meeting "
                  "was held in a hybrid format, with delegations participating in person and online."),
    ("h1", "II. Recommendations adopted by the Working Group"),
    ("num", "4.", "At its meeting, the Working Group adopted the following recommendations, which are submitted "
                  "to the Conference of the Parties for its consideration."),
    ("h2", "A. Identification of victims of trafficking in persons"),
    ("num", "5.", "States parties should adopt or update national referral mechanisms that define the respective "
                  "roles of law enforcement, labour inspection, health and social services and civil society "
                  "organizations in identifying and referring presumed victims of trafficking in persons."),
    ("num", "6.", "States parties should:"),
    ("sub", "(a)", "Develop written indicators for the identification of victims that take into account "
                   "trafficking for the purpose of forced criminality, forced labour and sexual exploitation, "
                   "including when such trafficking is facilitated by the Internet;"),
    ("sub", "(b)", "Provide regular training on those indicators to border officials, consular staff, labour "
                   "inspectors, prosecutors and judges;"),
    ("sub", "(c)", "Ensure that presumed victims have access to interpretation in a language that they "
                   "understand from their first contact with the authorities."),
    ("num", "7.", "States parties should ensure that presumed victims receive assistance and are protected from "
                  "revictimization, in line with articles 6 and 9 of the Trafficking in Persons Protocol, and "
                  "that such assistance is not made conditional on their cooperation in criminal proceedings."),
    ("num", "8.", "States parties should consider establishing procedures that give victims access to "
                  "compensation and restitution, in accordance with article 25 of the Convention, including by "
                  "using confiscated proceeds of crime for that purpose."),
    ("h2", "B. The non-punishment principle"),
    ("num", "9.", "States parties should consider adopting legislative or policy measures, in accordance with "
                  "their domestic law, to ensure that victims of trafficking in persons are not punished or "
                  "prosecuted for unlawful acts that they were compelled to commit as a direct consequence of "
                  "having been trafficked."),
    ("num", "10.", "States parties should consider issuing guidance to prosecutors on the application of the "
                   "non-punishment principle at the earliest possible stage of proceedings, including in cases "
                   "of online fraud and drug offences committed under coercion."),
    ("num", "11.", "States parties should collect and share data, disaggregated by sex, age, nationality and form "
                   "of exploitation, on the cases in which the non-punishment principle was invoked, in order to "
                   "inform the future work of the Working Group."),
    ("h2", "C. Trafficking in persons for the purpose of forced criminality"),
    ("num", "12.", "States parties should strengthen international cooperation in cases of trafficking for the "
                   "purpose of forced criminality in scam compounds, including through joint investigations as "
                   "provided for in article 19 of the Convention and through the rapid exchange of information "
                   "via INTERPOL channels."),
    ("num", "13.", "States parties should consider:"),
    ("sub", "(a)", "Cooperating with technology companies and financial institutions to detect recruitment "
                   "advertisements and payment patterns associated with trafficking for forced criminality;"),
    ("sub", "(b)", "Raising awareness among prospective migrant workers of fraudulent online job offers, in "
                   "cooperation with IOM and civil society organizations;"),
    ("sub", "(c)", "Facilitating the safe return of victims in accordance with article 8 of the Trafficking in "
                   "Persons Protocol, taking into account the principle of non-refoulement and the mandate of "
                   "UNHCR where victims may be in need of international protection."),
    ("num", "14.", "States parties should make use of the technical assistance available from UNODC, including "
                   "for the drafting of legislation, the training of criminal justice practitioners and the "
                   "development of standard operating procedures for victim identification."),
    ("h2", "D. Review mechanism and engagement with stakeholders"),
    ("num", "15.", "States parties should consider publishing the results of their country reviews under the "
                   "Mechanism, including the lists of observations and their summaries, in order to facilitate "
                   "follow-up with national stakeholders."),
    ("num", "16.", "States parties should continue to engage with non-governmental organizations, academia and "
                   "the private sector, including through the constructive dialogues, and should consider "
                   "reflecting the input received in their national strategies against trafficking in persons."),
    ("num", "17.", "The Working Group requested the Secretariat to continue to prepare background papers on the "
                   "topics of its meetings and to compile the good practices reported by States parties on "
                   "victim identification and the non-punishment principle, subject to the availability of "
                   "extrabudgetary resources."),
    ("h1", "III. Organization of the meeting"),
    ("h2", "A. Opening of the meeting"),
    ("num", "18.", "The meeting was opened on 1 July 2024 by the Chair, Ms. Teresa Villalobos (Mexico), who "
                   "recalled that the Working Group was meeting for the first time since the Conference had "
                   "reviewed the progress of the first group of States parties under the Mechanism."),
    ("num", "19.", "A representative of the Secretariat made an introductory statement and drew the attention "
                   "of the Working Group to the background papers prepared for the meeting, on victim "
                   "identification (CTOC/COP/WG.4/2024/2) and on trafficking in persons for the purpose of "
                   "forced criminality (CTOC/COP/WG.4/2024/3)."),
    ("h2", "B. Adoption of the agenda and organization of work"),
    ("num", "20.", "At its 1st session, on 1 July 2024, the Working Group adopted its provisional agenda "
                   "(CTOC/COP/WG.4/2024/1), which covered organizational matters, the identification of victims "
                   "and the non-punishment principle, trafficking in persons for the purpose of forced "
                   "criminality, other matters and the adoption of the report."),
    ("h2", "C. Attendance"),
    ("num", "21.", "The following States parties to the Convention were represented at the meeting: Algeria, "
                   "Argentina, Australia, Austria, Brazil, Canada, Chile, Colombia, Djibouti, Egypt, France, "
                   "Germany, Ghana, India, Indonesia, Italy, Japan, Kenya, Mexico, Morocco, Nigeria, Norway, "
                   "Pakistan, Peru, Philippines, Senegal, South Africa, Spain, Thailand, Tonga, Tunisia, "
                   "United Kingdom of Great Britain and Northern Ireland, United States of America and Viet Nam."),
    ("num", "22.", "The European Union, a regional economic integration organization that is a party to the "
                   "Convention, was represented at the meeting."),
    ("num", "23.", "The following intergovernmental organizations were represented by observers: Council of "
                   "Europe, International Criminal Police Organization (INTERPOL), International Organization "
                   "for Migration (IOM) and Organization for Security and Co-operation in Europe. The Office of "
                   "the United Nations High Commissioner for Refugees (UNHCR) was also represented."),
    ("num", "24.", "A list of participants is contained in document CTOC/COP/WG.4/2024/INF/1."),
    ("h1", "IV. Summary of deliberations"),
    ("num", "25.", "Under agenda item 2, many speakers described the steps taken by their countries to improve "
                   "the identification of victims, such as the adoption of national referral mechanisms, the "
                   "deployment of mobile identification teams at border crossings and the inclusion of "
                   "cultural mediators in interviews with presumed victims. Several speakers noted that victims "
                   "of trafficking for forced labour were still identified far less often than victims of "
                   "sexual exploitation, and that men and boys in particular remained largely invisible in "
                   "official statistics."),
    ("num", "26.", "A number of speakers reported on the application of the non-punishment principle in their "
                   "jurisdictions. Some States had included an explicit non-punishment clause in their "
                   "legislation, while others relied on prosecutorial discretion or on general defences of "
                   "duress. One speaker observed that, in the absence of clear guidance, the principle was "
                   "often invoked only at the sentencing stage, after the victim had already spent months in "
                   "pretrial detention, and called for earlier screening."),
    ("num", "27.", "Under agenda item 3, speakers expressed concern about the growth of scam compounds in which "
                   "thousands of people recruited through fraudulent online job offers are forced to commit "
                   "cyber-enabled fraud. Speakers highlighted the transnational nature of those operations, "
                   "which involve recruiters, transporters, compound operators and money launderers in "
                   "different countries, and stressed that victims rescued from such compounds were frequently "
                   "charged with immigration or fraud offences before their situation had been assessed."),
    ("num", "28.", "Several speakers welcomed the cooperation of IOM, UNHCR and INTERPOL in the repatriation of "
                   "rescued victims and emphasized the importance of informal police-to-police channels, which "
                   "often made it possible to locate victims within days. Other speakers pointed to the "
                   "difficulty of obtaining electronic evidence held by service providers abroad and "
                   "underlined the relevance of the provisions on mutual legal assistance in article 18 of the "
                   "Convention for such cases."),
    ("num", "29.", "Speakers also referred to the first constructive dialogues held under the Mechanism and "
                   "acknowledged the contribution of non-governmental organizations, survivor-led groups and "
                   "researchers. Some speakers suggested that the input received during the dialogues be "
                   "brought to the attention of the Working Group in a more systematic manner."),
    ("num", "30.", "Many speakers underlined the importance of reliable data. Several States had established "
                   "national rapporteurs or equivalent mechanisms to monitor trends and the impact of "
                   "anti-trafficking measures, and some had begun to publish annual reports combining data from "
                   "law enforcement, prosecution services and victim support providers. Speakers noted, however, "
                   "that data on convictions remained difficult to compare across countries because of "
                   "differences in legal definitions and recording practices."),
    ("num", "31.", "A number of speakers described their technical assistance needs, in particular with regard "
                   "to the training of front-line officials, the establishment of shelters for male victims and "
                   "the investigation of online recruitment. Several speakers expressed appreciation for the "
                   "assistance provided by UNODC in the drafting of national action plans and in the "
                   "preparation of their responses to the self-assessment questionnaire."),
    ("num", "32.", "The observer for IOM described joint programmes with States on the safe return and "
                   "reintegration of victims, and the observer for UNHCR recalled that victims of trafficking "
                   "might also be refugees and should have access to asylum procedures."),
    ("h1", "V. Other matters"),
    ("num", "33.", "The Working Group was informed that its next meeting was expected to be held in Vienna in "
                   "2025, back to back with the meetings of the other working groups of the Conference, and "
                   "that the topics of that meeting would be determined by the extended Bureau of the "
                   "Conference in consultation with the regional groups."),
    ("h1", "VI. Adoption of the report"),
    ("num", "34.", "On 3 July 2024, the Working Group adopted the present report on its meeting."),
]

# 5. News page of the civil-society unit ------------------------------------------------------
NEWS_2024 = {
    "title": "Civil society organizations briefed on the review of the Organized Crime Convention",
    "paragraphs": [
        "Vienna (Austria), 17 May 2024 - More than sixty representatives of non-governmental organizations, "
        "academic institutions and private-sector entities gathered at the Vienna International Centre and "
        "online this week for a briefing on the Mechanism for the Review of the Implementation of the United "
        "Nations Convention against Transnational Organized Crime and the Protocols thereto.",
        "The briefing, organized by the UNODC Civil Society Unit, prepared participants for the constructive "
        "dialogues that will follow the meetings of the Working Group on Trafficking in Persons and the "
        "Working Group on the Smuggling of Migrants in July 2024. Speakers explained how non-governmental "
        "stakeholders can contribute under paragraph 53 of the procedures and rules of the review mechanism, "
        "which the Conference of the Parties launched in October 2020.",
        "\u201cThe review mechanism is a process led by States, but its findings are only as good as the "
        "information that reaches the reviewers,\u201d said Ms. Elena Varga, who coordinates the engagement of "
        "civil society with the mechanism at UNODC. \u201cOrganizations that work with survivors, migrants and "
        "communities affected by gun violence see problems long before they appear in official statistics.\u201d",
        "Representatives of the Coalition for Migrant Dignity, the Centre for Governance Research and the Red "
        "Latinoamericana por el Desarme Ciudadano shared how they prepare written contributions to the "
        "dialogues. Dr. Sana Baloch of the Centre for Governance Research described the consultations that "
        "her organization held with the Ministry of Interior of Pakistan during the country\u2019s review, in "
        "which Djibouti and Tonga acted as reviewing States.",
        "Participants also heard from IOM and UNHCR on the protection of smuggled migrants and victims of "
        "trafficking, and from the Réseau universitaire pour la coopération pénale internationale on its "
        "research into the time taken to answer requests for mutual legal assistance.",
        "The briefing was the third in a series organized in 2024 with financial support from Austria and "
        "Norway. A guide to the constructive dialogues is available in English, French and Spanish on the "
        "civil society pages of the UNODC website.",
    ],
    "nav": ["Home", "About UNODC", "Organized crime", "Civil society", "News and events", "Publications",
            "Contact"],
    "breadcrumbs": ["Home", "Civil society", "News"],
    "related": ["Constructive dialogues under the review mechanism", "How to register for a constructive dialogue",
                "Resources for civil society"],
    "footer": ["Contact us", "Terms of use", "Privacy notice", "Fraud alert", "Site map"],
}

# 6. Civil-society annual report (DOCX) -------------------------------------------------------
CGR_2023 = [
    ("title", "Annual Report 2023"),
    ("p", "Centre for Governance Research, Islamabad. Published on 15 February 2024."),
    ("h1", "Foreword"),
    ("p", "In 2023, Pakistan's review under the Mechanism for the Review of the Implementation of the United "
          "Nations Convention against Transnational Organized Crime moved from the self-assessment stage to "
          "the dialogue with its reviewing States, Djibouti and Tonga. For the Centre for Governance Research "
          "(CGR), it was also the first full year of our programme to bring the voice of Pakistani civil "
          "society into that process."),
    ("p", "Dr. Sana Baloch, Executive Director"),
    ("h1", "About the Centre"),
    ("p", "The Centre for Governance Research is an independent, non-profit think tank founded in Islamabad in "
          "2009. Its rule-of-law programme follows Pakistan's implementation of the Organized Crime Convention "
          "(UNTOC) and of the United Nations Convention against Corruption (UNCAC), and works with government "
          "agencies, parliamentarians, the media and community organizations in all four provinces."),
    ("h1", "Pakistan's review under the UNTOC mechanism"),
    ("p", "Pakistan belongs to the first group of States parties reviewed under the mechanism, whose first "
          "phase covers the cluster on criminalization and jurisdiction. Pakistan submitted its responses to "
          "the self-assessment questionnaire through the secure platform, and the experts of Djibouti and Tonga "
          "provided their written feedback in the course of 2023."),
    ("p", "The Ministry of Interior (MOI) acts as the national focal point for the review. It coordinates "
          "contributions from the National Police Bureau (NPB), the Federal Investigation Agency (FIA), the "
          "National Accountability Bureau (NAB), the Anti-Narcotics Force (ANF) and the Financial Monitoring "
          "Unit (FMU), among other institutions."),
    ("h1", "Meetings and events in 2023"),
    ("h2", "Project launch in Islamabad"),
    ("p", "On 14 March 2023, the Centre launched its project \"Civil Society Watch on the UNTOC Review\" at a "
          "ceremony in Islamabad. H.E. Ms. Ingrid Aasen, Ambassador of Norway, whose Government supports the "
          "project, stressed the value of independent monitoring. Dr. Sana Baloch presented the project's "
          "three objectives: to inform, to consult and to follow up."),
    ("h2", "Consultation with the Ministry of Interior"),
    ("p", "On 20 September 2023, the Centre held a consultation in Islamabad with the Ministry of Interior "
          "(MOI) on the preliminary findings of the review. Mr. Tariq Mahmood, Joint Secretary at the MOI, "
          "presented the steps taken since the submission of the self-assessment questionnaire. Ms. Nadia "
          "Hussain, Director at the NPB, explained the difficulties of compiling crime statistics from "
          "provincial police forces that use different offence categories."),
    ("p", "Twenty-eight representatives of civil society organizations, bar associations and universities took "
          "part. At the close of the meeting, Mr. Tarig Mahmood agreed that the MOI would brief civil society "
          "again once the list of observations had been received from the reviewing States. The Centre sent "
          "Mr. Tariq Mahmood its written summary of the discussion a week later."),
    ("h2", "Training workshop in Lahore"),
    ("p", "From 15 to 17 November 2023, the Centre and the UNODC Country Office in Pakistan organized a "
          "training workshop in Lahore for 35 journalists and community workers on reporting on trafficking "
          "in persons and the smuggling of migrants. Mr. Imran Qazi, Additional Director at the FIA, explained "
          "how cases are divided between the FIA and the provincial police, and Ms. Rabia Anwar of the CGR "
          "presented the findings of our survey of media coverage."),
    ("h2", "Written contribution to the review"),
    ("p", "In Nov 2023, the Centre submitted a written contribution to the MOI summarizing the views expressed "
          "at its consultations, with a focus on articles 5, 6 and 23 of the Convention: participation in an "
          "organized criminal group, laundering of proceeds of crime and obstruction of justice."),
    ("h2", "Roundtable on financial investigations"),
    ("p", "On 6 December 2023, a roundtable in Karachi brought together officials of the FMU, the NAB and the "
          "ANF to discuss the laundering of proceeds of drug trafficking and corruption. Dr. Asad Memon, a "
          "senior analyst at the FMU, described the growing number of suspicious transaction reports linked "
          "to informal money transfers, while Mr. Kamran Sheikh of the ANF called for joint financial "
          "investigation teams."),
    ("h1", "List of events"),
    ("p", "In addition to its own activities, the Centre took part in the following international meetings in "
          "2023:"),
    ("bullet", "Constructive Dialogue on Trafficking in Persons, Vienna and online, 5 July 2023"),
    ("bullet", "Constructive Dialogue on Smuggling of Migrants, Vienna and online, 12 July 2023"),
    ("bullet", "Regional consultation of South Asian civil society on UNCAC and UNTOC, Kathmandu, 9-10 October "
               "2023"),
    ("table", [["Date", "Event", "Place"],
               ["14 March 2023", "Launch of the project \"Civil Society Watch on the UNTOC Review\"", "Islamabad"],
               ["20 September 2023", "Consultation with the Ministry of Interior (MOI)", "Islamabad"],
               ["15-17 November 2023", "Training workshop for journalists and community workers", "Lahore"],
               ["6 December 2023", "Roundtable on financial investigations with FMU, NAB and ANF", "Karachi"]]),
    ("h1", "Recommendations"),
    ("p", "We recommend that the Government of Pakistan publish the executive summary of its country review "
          "as soon as the review is completed, in English and in Urdu."),
    ("p", "We recommend that the Government of Pakistan involve civil society organizations in the follow-up "
          "to the list of observations, in particular on victim protection and on technical assistance needs."),
    ("p", "The MOI should establish a standing consultation mechanism with civil society for the remaining "
          "phases of the review."),
    ("p", "The NPB should publish annual statistics on organized crime offences, disaggregated by offence and "
          "by province."),
    ("p", "The FIA should strengthen the protection of smuggled migrants and victims of trafficking who testify "
          "in criminal proceedings."),
    ("p", "The FMU and the NAB should publish typologies of money laundering linked to organized crime, so that "
          "reporting entities and researchers can recognize them."),
    ("h1", "Acknowledgements"),
    ("p", "The Centre thanks the UNODC Country Office in Pakistan, the Embassy of Norway and all the "
          "institutions and colleagues who took part in our meetings in 2023."),
]

# 7. Spanish statement, Constructive Dialogue on Firearms -------------------------------------
CD_FA_2024_ES = [
    ("title", "Declaración de la Red Latinoamericana por el Desarme Ciudadano"),
    ("line", "Diálogo Constructivo sobre Armas de Fuego"),
    ("line", "Viena, 4 de junio de 2024"),
    ("italic", "Cotejar con el discurso pronunciado"),
    ("p", "Gracias, señora Presidenta."),
    ("p", "La Red Latinoamericana por el Desarme Ciudadano reúne a 54 organizaciones de 14 países de América "
          "Latina y el Caribe que trabajan en la prevención de la violencia armada, la atención a víctimas y la "
          "investigación sobre el tráfico de armas. Agradecemos a la UNODC y a los copresidentes la "
          "oportunidad de participar en este diálogo, que sigue a la reunión del Grupo de Trabajo sobre Armas "
          "de Fuego."),
    ("p", "En muchos países de nuestra región, la mayoría de los homicidios se cometen con armas de fuego. Una "
          "parte importante de esas armas fue fabricada o vendida legalmente y desviada después hacia el "
          "mercado ilícito. En México, organizaciones de la sociedad civil y autoridades han señalado "
          "reiteradamente el ingreso de armas a través de la frontera norte, a menudo en pequeñas cantidades "
          "y por compradores interpuestos."),
    ("p", "El Protocolo sobre armas de fuego ofrece herramientas concretas para cerrar esas brechas. El marcaje "
          "en el momento de la fabricación y de la importación, previsto en su artículo 8, y el registro de "
          "las transferencias, previsto en su artículo 7, permiten rastrear un arma desde el lugar del crimen "
          "hasta el punto de desvío. Sin embargo, muchas fiscalías de la región todavía no solicitan el "
          "rastreo de manera sistemática."),
    ("p", "Nos preocupa también la aparición de armas de fabricación casera y de piezas impresas en 3D, que no "
          "llevan marcas y escapan a los sistemas de licencias de exportación, importación y tránsito del "
          "artículo 10 del Protocolo."),
    ("p", "La Dra. Lucía Ferrer, coordinadora de nuestra Red, presentó esta semana en Viena un estudio sobre "
          "1.200 armas incautadas en cinco países, de las cuales casi la mitad no pudo rastrearse por falta de "
          "registros completos. El estudio muestra además que las mujeres asesinadas con armas de fuego lo "
          "son, con mayor frecuencia, en su propio hogar."),
    ("p", "Instamos a los Estados parte a rastrear sistemáticamente toda arma de fuego incautada y a compartir "
          "los resultados con los países de fabricación y de tránsito."),
    ("p", "Instamos asimismo a los Estados parte a tipificar como delito la fabricación ilícita de piezas y "
          "componentes, incluidas las producidas con nuevas tecnologías."),
    ("p", "Recomendamos que la UNODC apoye a las fiscalías de la región con capacitación en investigación "
          "financiera y en rastreo de armas, en cooperación con INTERPOL."),
    ("p", "Recomendamos que el Grupo de Trabajo sobre Armas de Fuego dedique una de sus próximas reuniones a "
          "las armas de fabricación casera y a la dimensión de género del tráfico de armas."),
    ("p", "Nuestra Red está dispuesta a compartir sus datos con los Estados que se encuentran en proceso de "
          "examen. Muchas gracias."),
]

# 8. French statement (plain text), Constructive Dialogue on IC and TA -------------------------
CD_IC_TA_2023_FR = f"""{NOTE_FR}

Déclaration du Réseau universitaire pour la coopération pénale internationale

Dialogue constructif sur la coopération internationale et l'assistance technique

Vienne, 7 juin 2023

Seul le texte prononcé fait foi

Merci, Madame la Présidente.

Le Réseau universitaire pour la coopération pénale internationale regroupe des chercheurs et des
enseignants de douze universités d'Afrique de l'Ouest, du Maghreb et d'Europe. Nous remercions
l'ONUDC d'avoir ouvert ce dialogue constructif aux milieux universitaires.

Nos travaux sur l'entraide judiciaire montrent que le délai moyen de réponse à une demande reste
supérieur à un an dans la plupart des pays étudiés. L'article 18 de la Convention offre pourtant un
cadre complet : il permet d'accorder l'entraide même en l'absence de traité et de transmettre les
demandes directement entre autorités centrales.

Lors d'un séminaire tenu à Dakar (Sénégal) en mars 2023, le professeur Moussa Diallo a présenté une
étude portant sur 240 demandes échangées entre le Sénégal, le Maroc, la Côte d'Ivoire et la Belgique.
Les principales causes de retard étaient la traduction, l'absence d'accusé de réception et le manque
de personnel dans les autorités centrales.

Nous exhortons les États parties à doter leurs autorités centrales de moyens suffisants et à
publier leurs coordonnées dans le répertoire en ligne des autorités nationales compétentes.

Nous exhortons également les États parties à accepter les demandes transmises par voie
électronique, comme le permet le paragraphe 14 de l'article 18 de la Convention lorsque le droit
interne l'autorise.

Il est recommandé que l'ONUDC poursuive, au titre de l'article 29 de la Convention, ses programmes
de formation destinés aux magistrats et aux autorités centrales, en français comme dans les autres
langues officielles.

Il est également recommandé que les États parties associent les universités à l'évaluation des
besoins d'assistance technique recensés lors de l'examen de pays.

Merci de votre attention.
"""
