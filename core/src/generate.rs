//! A deterministic generator of large, realistic archives, for benchmarks and for testing
//! search at scale: the demo archive's category tree and synonyms, and questions and
//! answers about health and acupuncture written from word lists and sentence templates.
//!
//! The text is meant to have the statistics of real text rather than to be read: common
//! words are very common, topic words cluster by category, and a long tail of rare words
//! (medicine, town and people's names, the occasional typo) appears once or twice. The same
//! `(questions, seed)` always gives byte-identical output, on every platform.

use std::fmt::Write;

/// Writes an `ask-expert-archive/1` document with `questions` generated questions.
pub fn generate_archive_json(questions: usize, seed: u64) -> String {
    let topics: Vec<Topic> = TOPICS.iter().map(Topic::new).collect();
    let mut writer = Generator {
        random: SplitMix64::new(seed),
        topics,
        out: String::with_capacity(questions * 2600 + 8192),
        emphasis: false,
    };
    writer.archive(questions);
    writer.out
}

/// The category tree of the demo archive, in pre-order: (depth, id, label).
const CATEGORIES: &[(usize, &str, &str)] = &[
    (0, "muscles-and-bones", "Muscles and bones"),
    (1, "back-spine", "Back / spine"),
    (2, "lower-back-pain", "Lower back pain"),
    (2, "sciatica", "Sciatica"),
    (2, "scoliosis", "Scoliosis"),
    (2, "slipped-disc", "Slipped disc"),
    (1, "neck-shoulders", "Neck and shoulders"),
    (2, "neck-pain", "Neck pain"),
    (2, "frozen-shoulder", "Frozen shoulder"),
    (1, "joints", "Joints"),
    (2, "knee-pain", "Knee pain"),
    (2, "arthritis", "Arthritis"),
    (0, "head-and-mind", "Head and mind"),
    (1, "headaches", "Headaches"),
    (2, "migraine", "Migraine"),
    (2, "tension-headache", "Tension headache"),
    (1, "mental-health", "Mental health"),
    (2, "anxiety", "Anxiety"),
    (2, "low-mood", "Low mood and depression"),
    (2, "stress", "Stress"),
    (1, "sleep", "Sleep"),
    (2, "insomnia", "Insomnia"),
    (0, "womens-health", "Women's health"),
    (1, "fertility", "Fertility"),
    (2, "ivf-support", "IVF support"),
    (1, "pregnancy", "Pregnancy"),
    (2, "morning-sickness", "Morning sickness"),
    (2, "breech-baby", "Breech baby"),
    (1, "menopause", "Menopause"),
    (2, "hot-flushes", "Hot flushes"),
    (0, "digestion", "Digestion"),
    (1, "bowel", "Bowel"),
    (2, "ibs", "Irritable bowel syndrome"),
    (2, "constipation", "Constipation"),
    (1, "stomach", "Stomach"),
    (2, "nausea", "Nausea"),
    (2, "acid-reflux", "Acid reflux"),
    (0, "about-treatment", "About treatment"),
    (1, "needles-and-safety", "Needles and safety"),
    (2, "fear-of-needles", "Fear of needles"),
    (2, "side-effects", "Side effects"),
    (2, "bruising", "Bruising"),
    (1, "sessions", "Sessions"),
    (2, "how-many-sessions", "How many sessions"),
    (2, "cost-and-fees", "Cost and fees"),
    (1, "other-therapies", "Other therapies"),
    (2, "moxibustion", "Moxibustion"),
    (2, "cupping", "Cupping"),
    (2, "electro-acupuncture", "Electro-acupuncture"),
    (0, "practitioners", "Finding a practitioner"),
    (1, "choosing", "Choosing a practitioner"),
    (2, "qualifications", "Qualifications"),
    (2, "concerns", "Concerns and complaints"),
    (1, "training", "Training"),
    (2, "becoming-an-acupuncturist", "Becoming an acupuncturist"),
    (0, "skin-and-allergies", "Skin and allergies"),
    (1, "skin", "Skin"),
    (2, "eczema", "Eczema"),
    (2, "acne", "Acne"),
    (1, "allergies", "Allergies"),
    (2, "hay-fever", "Hay fever"),
    (0, "heart-and-lungs", "Heart, lungs and circulation"),
    (1, "circulation", "Circulation"),
    (2, "blood-pressure", "High blood pressure"),
    (2, "cold-hands", "Cold hands and feet"),
    (1, "breathing", "Breathing"),
    (2, "asthma", "Asthma"),
];

/// The demo archive's synonym groups.
const SYNONYMS: &[&[&str]] = &[
    &[
        "slipped disc",
        "herniated disc",
        "disc prolapse",
        "prolapsed disc",
    ],
    &["lumbago", "lower back pain"],
    &["hay fever", "allergic rhinitis"],
    &["IBS", "irritable bowel"],
    &["hot flushes", "hot flashes", "night sweats"],
    &["insomnia", "sleeplessness"],
    &["moxa", "moxibustion"],
    &["electroacupuncture", "electro-acupuncture"],
    &["needle phobia", "fear of needles"],
    &["TMJ", "jaw pain"],
    &["tennis elbow", "lateral epicondylitis"],
    &["high blood pressure", "hypertension"],
];

/// What questions filed under a category talk about: (category id, conditions,
/// symptoms, related categories), lists separated by `|`.
const TOPICS: &[(&str, &str, &str, &str)] = &[
    (
        "muscles-and-bones",
        "muscle pain|joint pain|fibromyalgia|a sports injury|myofascial pain",
        "aching muscles|stiffness in the mornings|tender spots in my muscles|cramps at night",
        "stress|sleep",
    ),
    (
        "back-spine",
        "back pain|upper back pain|a stiff back|thoracic pain",
        "pain between the shoulder blades|stiffness when I get up|a sharp twinge when I twist",
        "neck-pain|stress",
    ),
    (
        "lower-back-pain",
        "lower back pain|lumbago|low back pain|chronic back pain|a bad back|mechanical back pain",
        "a dull ache in my lower back|spasms in my lower back|pain when I bend over|stiffness after sitting|pain across my hips",
        "sciatica|how-many-sessions|pregnancy|stress",
    ),
    (
        "sciatica",
        "sciatica|a trapped nerve|piriformis syndrome|nerve root irritation",
        "pain shooting down my leg|pins and needles in my foot|numbness in my toes|a burning pain in my buttock",
        "slipped-disc|lower-back-pain",
    ),
    (
        "scoliosis",
        "scoliosis|idiopathic scoliosis|a curved spine|adult scoliosis",
        "uneven hips|aching on one side of my back|one shoulder higher than the other|tiredness in my back by the evening",
        "back-spine",
    ),
    (
        "slipped-disc",
        "a slipped disc|a herniated disc|a disc prolapse|a prolapsed disc|a bulging disc|degenerative disc disease",
        "nerve pain down my leg|a deep ache in my lower back|weakness in my leg|pain when I cough or sneeze",
        "sciatica|lower-back-pain",
    ),
    (
        "neck-shoulders",
        "neck and shoulder tension|a stiff neck and shoulders|postural strain",
        "tight shoulders|knots in my upper back|a heavy feeling across my shoulders",
        "stress|tension-headache",
    ),
    (
        "neck-pain",
        "neck pain|whiplash|tech neck|a cricked neck|cervical spondylosis",
        "a stiff neck|headaches at the back of my head|tingling in my fingers|grinding when I turn my head",
        "tension-headache|stress",
    ),
    (
        "frozen-shoulder",
        "frozen shoulder|adhesive capsulitis|shoulder impingement|a rotator cuff injury",
        "pain when I lift my arm|stiffness in my shoulder|pain lying on my side|trouble reaching behind my back",
        "arthritis",
    ),
    (
        "joints",
        "joint pain|tennis elbow|lateral epicondylitis|golfer's elbow|a sprained ankle|plantar fasciitis|carpal tunnel syndrome",
        "pain when gripping|swollen joints|a weak grip|heel pain first thing in the morning",
        "arthritis|knee-pain",
    ),
    (
        "knee-pain",
        "knee pain|osteoarthritis of the knee|runner's knee|a torn meniscus|patellar tendinopathy",
        "a swollen knee|clicking in my knee|pain going down stairs|my knee giving way",
        "arthritis|joints",
    ),
    (
        "arthritis",
        "arthritis|osteoarthritis|rheumatoid arthritis|gout|psoriatic arthritis",
        "swollen knuckles|morning stiffness|aching hips|hot painful joints",
        "knee-pain|joints",
    ),
    (
        "head-and-mind",
        "tinnitus|dizziness|brain fog|vertigo|Bell's palsy",
        "ringing in my ears|feeling off balance|trouble concentrating",
        "stress|anxiety",
    ),
    (
        "headaches",
        "headaches|cluster headaches|daily headaches|sinus headaches",
        "a throbbing head|pressure behind my eyes|headaches that wake me up",
        "migraine|tension-headache",
    ),
    (
        "migraine",
        "migraine|migraines|migraine with aura|menstrual migraine|chronic migraine|vestibular migraine",
        "zigzag lines in my vision|sensitivity to light|a pounding headache on one side|sickness during attacks",
        "headaches|womens-health",
    ),
    (
        "tension-headache",
        "tension headaches|TMJ|jaw pain|teeth grinding|bruxism|temporomandibular joint disorder",
        "a tight band round my head|a clicking jaw|aching temples|clenching my teeth at night",
        "stress|neck-pain",
    ),
    (
        "mental-health",
        "low energy|burnout|emotional exhaustion|obsessive thoughts",
        "feeling overwhelmed|no motivation|a constant knot in my stomach",
        "stress|anxiety",
    ),
    (
        "anxiety",
        "anxiety|panic attacks|health anxiety|generalised anxiety|social anxiety",
        "a racing heart|constant worrying|a tight chest|shaky hands",
        "stress|insomnia|fear-of-needles",
    ),
    (
        "low-mood",
        "depression|low mood|grief|postnatal depression|seasonal affective disorder",
        "no energy|feeling flat|a poor appetite|crying for no reason",
        "anxiety|sleep",
    ),
    (
        "stress",
        "stress|work stress|burnout|caring responsibilities|exam stress",
        "snapping at my family|tight shoulders|trouble switching off|grinding my teeth",
        "anxiety|tension-headache",
    ),
    (
        "sleep",
        "poor sleep|shift work|jet lag|restless legs|sleep apnoea",
        "waking at four every morning|feeling groggy all day|restless nights",
        "insomnia|stress",
    ),
    (
        "insomnia",
        "insomnia|sleeplessness|broken sleep|chronic insomnia",
        "lying awake until three|waking too early|a racing mind at night|dreading bedtime",
        "anxiety|hot-flushes",
    ),
    (
        "womens-health",
        "period pain|endometriosis|PCOS|heavy periods|premenstrual syndrome|dysmenorrhoea",
        "cramps before my period|bloating every month|pelvic pain|mood swings",
        "fertility|migraine",
    ),
    (
        "fertility",
        "infertility|unexplained infertility|irregular cycles|low sperm count|recurrent miscarriage",
        "irregular periods|a short luteal phase|anxiety about conceiving",
        "ivf-support|stress",
    ),
    (
        "ivf-support",
        "IVF|embryo transfer|egg collection|frozen embryo transfer|ICSI",
        "nerves before transfer|side effects from the hormones|the two week wait",
        "fertility|anxiety",
    ),
    (
        "pregnancy",
        "pelvic girdle pain|pregnancy back pain|carpal tunnel in pregnancy|symphysis pubis dysfunction",
        "pain when I turn over in bed|aching hips at night|swollen ankles",
        "lower-back-pain|morning-sickness",
    ),
    (
        "morning-sickness",
        "morning sickness|hyperemesis|nausea in pregnancy|sickness all day",
        "retching in the mornings|not keeping food down|feeling sick on the commute",
        "nausea|pregnancy",
    ),
    (
        "breech-baby",
        "a breech baby|breech presentation|a baby lying transverse",
        "the baby still head up|kicks low down|pressure under my ribs",
        "pregnancy|moxibustion",
    ),
    (
        "menopause",
        "menopause|perimenopause|menopausal symptoms|early menopause",
        "brain fog|aching joints|low mood|broken sleep",
        "hot-flushes|insomnia",
    ),
    (
        "hot-flushes",
        "hot flushes|hot flashes|night sweats|vasomotor symptoms",
        "waking drenched at night|flushes ten times a day|changing the sheets twice a night",
        "menopause|insomnia",
    ),
    (
        "digestion",
        "indigestion|bloating|poor digestion|food intolerance",
        "feeling full after small meals|wind and bloating|a heavy stomach",
        "stomach|bowel",
    ),
    (
        "bowel",
        "bowel problems|diverticulitis|ulcerative colitis|Crohn's disease",
        "urgency in the mornings|cramping|an unsettled gut",
        "ibs|constipation",
    ),
    (
        "ibs",
        "IBS|irritable bowel|irritable bowel syndrome|IBS-C|IBS-D",
        "bloating by the evening|cramps after eating|alternating constipation and diarrhoea",
        "constipation|stress",
    ),
    (
        "constipation",
        "constipation|sluggish bowels|chronic constipation|opioid constipation",
        "going only twice a week|straining|feeling bunged up",
        "ibs|bowel",
    ),
    (
        "stomach",
        "stomach pain|gastritis|a stomach ulcer|functional dyspepsia",
        "a gnawing ache under my ribs|feeling full quickly|burping after meals",
        "acid-reflux|nausea",
    ),
    (
        "nausea",
        "nausea|travel sickness|chemotherapy nausea|motion sickness|post-operative nausea",
        "feeling sick in the car|retching|loss of appetite",
        "morning-sickness|stomach",
    ),
    (
        "acid-reflux",
        "acid reflux|heartburn|GORD|silent reflux",
        "burning in my chest at night|a sour taste in my mouth|a cough after meals",
        "stomach|nausea",
    ),
    (
        "about-treatment",
        "acupuncture|dry needling|acupressure|auricular acupuncture",
        "questions about what happens|worries about needles",
        "sessions|needles-and-safety",
    ),
    (
        "needles-and-safety",
        "needle safety|sterile needles|infection control",
        "worries about hygiene|questions about disposal",
        "side-effects|fear-of-needles",
    ),
    (
        "fear-of-needles",
        "needle phobia|fear of needles|fainting at injections|trypanophobia",
        "panic when I see a needle|fainting when blood is taken|dread before appointments",
        "anxiety|side-effects",
    ),
    (
        "side-effects",
        "side effects|a needle reaction|feeling faint after treatment|soreness after a session",
        "feeling spaced out afterwards|tiredness after treatment|a sore spot where a needle went in",
        "bruising|needles-and-safety",
    ),
    (
        "bruising",
        "bruising|bruises|cupping marks|blood thinners",
        "small bruises on my leg|a tender spot|marks that last a week",
        "side-effects|cupping",
    ),
    (
        "sessions",
        "a first appointment|treatment plans|home visits",
        "nerves before the first session|questions about what to wear",
        "how-many-sessions|cost-and-fees",
    ),
    (
        "how-many-sessions",
        "a course of treatment|follow-up sessions|maintenance treatment|booster sessions",
        "wondering when it will work|gradual improvement|a short-lived effect",
        "cost-and-fees|lower-back-pain",
    ),
    (
        "cost-and-fees",
        "the cost of treatment|fees|insurance cover|concession rates|cancellation charges",
        "a tight budget|questions about prices|worries about paying upfront",
        "how-many-sessions|qualifications",
    ),
    (
        "other-therapies",
        "herbal medicine|gua sha|tuina|reflexology|shiatsu",
        "curiosity about other treatments|questions about combining therapies",
        "moxibustion|cupping",
    ),
    (
        "moxibustion",
        "moxa|moxibustion|moxa sticks|warming needles",
        "a strong smoky smell|warmth on my skin|a small blister",
        "breech-baby|cold-hands",
    ),
    (
        "cupping",
        "cupping|fire cupping|wet cupping|sliding cupping",
        "round purple marks|a tight pulling feeling|tender skin",
        "bruising|other-therapies",
    ),
    (
        "electro-acupuncture",
        "electroacupuncture|electro-acupuncture|TENS|percutaneous stimulation",
        "a tapping sensation|twitching muscles|tingling around the needles",
        "knee-pain|side-effects",
    ),
    (
        "practitioners",
        "finding a practitioner|clinic standards|home visits",
        "questions about choosing well|worries about rogue practitioners",
        "qualifications|concerns",
    ),
    (
        "choosing",
        "choosing a practitioner|recommendations|online reviews",
        "too many choices|confusing letters after names",
        "qualifications|cost-and-fees",
    ),
    (
        "qualifications",
        "qualifications|registration|accreditation|insurance|professional membership",
        "letters after names I don't understand|questions about training hours",
        "choosing|becoming-an-acupuncturist",
    ),
    (
        "concerns",
        "a complaint|a forgotten needle|pressure to buy supplements|poor hygiene",
        "feeling uncomfortable|feeling pressured|a needle left in my scalp",
        "qualifications|side-effects",
    ),
    (
        "training",
        "training|continuing education|supervised practice",
        "questions about courses|worries about cost",
        "becoming-an-acupuncturist",
    ),
    (
        "becoming-an-acupuncturist",
        "retraining|a degree in acupuncture|a licentiate course|clinical placements",
        "worries about being too old|questions about earnings|nerves about anatomy exams",
        "qualifications|training",
    ),
    (
        "skin-and-allergies",
        "skin problems|allergies|sensitive skin",
        "itching|rashes that come and go",
        "eczema|hay-fever",
    ),
    (
        "skin",
        "psoriasis|hives|rosacea|urticaria|shingles",
        "itchy welts|red scaly patches|flushing across my cheeks",
        "eczema|stress",
    ),
    (
        "eczema",
        "eczema|atopic dermatitis|dermatitis|hand eczema",
        "cracked skin on my hands|scratching until it bleeds|flares in winter",
        "stress|allergies",
    ),
    (
        "acne",
        "acne|hormonal acne|adult acne|spots",
        "spots along my jaw|flares before my period|scarring",
        "skin|womens-health",
    ),
    (
        "allergies",
        "allergies|dust mite allergy|pet allergy|food allergies",
        "a blocked nose every morning|itchy eyes|sneezing fits",
        "hay-fever|asthma",
    ),
    (
        "hay-fever",
        "hay fever|allergic rhinitis|pollen allergy|seasonal rhinitis",
        "sneezing all through June|streaming eyes|an itchy throat|a blocked nose",
        "allergies|asthma",
    ),
    (
        "heart-and-lungs",
        "palpitations|poor circulation|breathlessness",
        "a fluttering heart|tiredness on the stairs",
        "circulation|breathing",
    ),
    (
        "circulation",
        "poor circulation|Raynaud's|chilblains|varicose veins",
        "white fingers in the cold|numb toes|aching legs",
        "cold-hands|blood-pressure",
    ),
    (
        "blood-pressure",
        "high blood pressure|hypertension|raised blood pressure|white coat hypertension",
        "high readings at the surgery|headaches in the morning|worry about my readings",
        "stress|circulation",
    ),
    (
        "cold-hands",
        "cold hands and feet|Raynaud's|chilblains|Raynaud's phenomenon",
        "fingers going white then blue|painful rewarming|itchy toes in winter",
        "circulation|moxibustion",
    ),
    (
        "breathing",
        "breathlessness|long covid|chronic cough|COPD",
        "getting out of breath on the stairs|a tight chest|a cough that won't go",
        "asthma|anxiety",
    ),
    (
        "asthma",
        "asthma|wheezing|exercise-induced asthma|allergic asthma",
        "wheezing at night|a tight chest in cold air|using my reliever inhaler often",
        "hay-fever|breathing",
    ),
];

struct Topic {
    category: &'static str,
    conditions: Vec<&'static str>,
    symptoms: Vec<&'static str>,
    related: Vec<&'static str>,
}

impl Topic {
    fn new(
        &(category, conditions, symptoms, related): &(
            &'static str,
            &'static str,
            &'static str,
            &'static str,
        ),
    ) -> Topic {
        Topic {
            category,
            conditions: conditions.split('|').collect(),
            symptoms: symptoms.split('|').collect(),
            related: related.split('|').collect(),
        }
    }
}

const QUESTION_CONTEXT: &[&str] = &[
    "I'm {age} and I've had {cond} {duration}.",
    "My {relative} is {age} and has been struggling with {cond} {duration}.",
    "I work as {job} and spend most of the day {activity}.",
    "It started after {trigger} and has never really settled.",
    "The worst part is {sym}, especially {time}.",
    "I also get {sym} and sometimes {sym}.",
    "My {clinician} says it's {cond} and suggested {tried}.",
    "I've tried {tried} and {tried} but nothing has helped for long.",
    "I take {medicine} {frequency} but I'd rather not rely on it.",
    "We live near {town}, so I'd need a clinic I can get to easily.",
    "I used to love {hobby} but I've had to stop because of the {cond}.",
    "It's affecting my sleep and my work and I'm getting quite {feeling}.",
    "My neighbour had acupuncture for {other_cond} and swears by it.",
    "I had a scan {when} which showed nothing serious.",
    "Dr {surname} at my surgery thinks it might be {cond} but isn't sure.",
    "Some days it's fine and other days the {sym} is unbearable.",
    "I'm also on {medicine} for {other_cond}.",
    "I've been reading about {therapy} online and I'm not sure what to believe.",
    "It gets worse {time} and when I'm {feeling}.",
    "I have {count} children and a busy job, so I don't have much time for appointments.",
    "My last practitioner in {town} retired {when}.",
    "I'm usually very active, I go {hobby} at least {frequency}.",
    "Honestly I'm a bit sceptical but I'm running out of ideas.",
    "The {clinician} mentioned that {therapy} might help as well.",
];

const QUESTION_ASK: &[&str] = &[
    "Can acupuncture help with {cond}?",
    "Would acupuncture be worth trying for {cond}, and how many sessions would I need?",
    "Is it safe to have acupuncture while I'm taking {medicine}?",
    "Does acupuncture actually work for {cond} or is it just relaxing?",
    "What does the evidence say about acupuncture for {cond}?",
    "How soon would I notice a difference with the {sym}?",
    "Should I tell the acupuncturist about my {other_cond}?",
    "Is there anything I should avoid before or after a session?",
    "Is {age} too old to start acupuncture?",
    "Would {therapy} be better than ordinary acupuncture for this?",
    "How much does a course of treatment usually cost?",
    "Could acupuncture make the {cond} worse?",
    "Is acupuncture suitable for {cond} in someone my {relative}'s age?",
    "What would a first session for {cond} involve?",
];

const ANSWER_OPENING: &[&str] = &[
    "Thank you for your question, and we're sorry to hear about the {cond}.",
    "We're sorry you've been struggling {duration}; that sounds exhausting.",
    "This is a question we're asked often, and it's a sensible one.",
    "Thank you for writing to us, and for explaining your situation so clearly.",
    "It is completely understandable to want to find something that helps with {sym}.",
];

const ANSWER_BODY: &[&str] = &[
    "{Cond} is common, and it often {course}.",
    "Many of our members treat people with {cond}, usually alongside advice on {advice}.",
    "A practitioner will ask about your {sym}, your general health and any medicines you take, including {medicine}.",
    "Acupuncture involves fine, sterile, single-use needles placed at chosen points, often around the {part} and sometimes further away.",
    "Some trials suggest acupuncture can reduce {sym} for some people, although the evidence is {strength}.",
    "Reviews of the research on {cond} are {strength}, and results vary from person to person.",
    "There is {strength} evidence that acupuncture helps with {cond}, mostly from {study}.",
    "Most practitioners suggest {course_of_treatment}, followed by a review of how things are going.",
    "It helps to keep a simple diary of your {sym} so you can both see whether anything is changing.",
    "Gentle exercise such as {exercise} may help too, and your practitioner can suggest ways to pace it.",
    "Wear loose clothing so the practitioner can reach your {part} easily.",
    "Please see your GP first if you notice {red_flag}, as that needs checking before any treatment.",
    "If you take {medicine}, tell your practitioner, as it may affect bruising or how you respond.",
    "Acupuncture is generally safe when given by a properly trained practitioner, and serious side effects are rare.",
    "Some people feel {reaction} after a session; this usually passes within a day.",
    "Your {clinician} is the right person to talk to about changing {medicine}, so please don't stop anything suddenly.",
    "We would encourage you to treat acupuncture as one part of a plan that also includes {advice}.",
    "If there is no change after {count} sessions, it is reasonable to stop and think again with your practitioner.",
    "Practitioners often combine needling with {therapy}, depending on what suits you.",
    "{Sym} can have several causes, so a thorough first consultation matters.",
    "Members of our council follow a code of practice covering hygiene, consent and record keeping.",
    "It is worth asking the clinic whether they have experience with {cond} before you book.",
    "A practitioner near {town} told us that patients with {cond} often notice {improvement} first.",
    "Stress and poor sleep can make {cond} feel worse, so looking after both is worthwhile.",
];

const ANSWER_CLOSING: &[&str] = &[
    "We hope this helps, and do get in touch again if you have more questions.",
    "You can find a registered member near {town} through our directory.",
    "Good luck, and we hope the {sym} eases soon.",
    "Please let us know how you get on.",
];

const LIST_INTRODUCTIONS: &[&str] = &[
    "Before your first session, it may help to:",
    "A few practical points:",
    "Things worth mentioning to your practitioner:",
    "What we would suggest:",
];

const LIST_ITEMS: &[&str] = &[
    "eat a light meal an hour or two beforehand",
    "bring a list of the medicines you take, including {medicine}",
    "wear loose, comfortable clothing",
    "arrive a few minutes early to fill in the forms",
    "write down your questions about {cond}",
    "keep a diary of your {sym}",
    "avoid strenuous exercise straight after treatment",
    "mention any history of {other_cond}",
    "ask how many sessions they usually suggest for {cond}",
    "check that the practitioner is registered",
    "try some gentle {exercise} between sessions",
];

const AGES: std::ops::RangeInclusive<u32> = 16..=89;
const RELATIVES: &[&str] = &[
    "mum",
    "dad",
    "husband",
    "wife",
    "partner",
    "daughter",
    "son",
    "sister",
    "brother",
    "grandmother",
    "grandfather",
    "aunt",
    "uncle",
    "friend",
    "mother-in-law",
    "father-in-law",
    "flatmate",
    "colleague",
    "stepdaughter",
    "nephew",
];
const DURATIONS: &[&str] = &[
    "for about three weeks",
    "for nearly two years",
    "since last spring",
    "on and off for a decade",
    "for six months now",
    "since my forties",
    "for as long as I can remember",
    "since the baby was born",
    "since a fall in January",
    "for the past few months",
    "since I retired",
    "for about eight weeks",
    "ever since the pandemic",
    "for over twenty years",
];
const JOBS: &[&str] = &[
    "a nurse",
    "a teacher",
    "a software developer",
    "an accountant",
    "a lorry driver",
    "a hairdresser",
    "a carpenter",
    "a call centre manager",
    "a postman",
    "a paramedic",
    "a chef",
    "a cleaner",
    "a solicitor",
    "a dental hygienist",
    "a farmer",
    "a plumber",
    "a pharmacist",
    "a barista",
    "an electrician",
    "a librarian",
    "a bus driver",
    "a physiotherapist",
    "a warehouse operative",
    "a graphic designer",
    "a midwife",
    "a civil engineer",
    "a receptionist",
    "a care worker",
    "a musician",
    "a police officer",
    "a translator",
    "a gardener",
    "a roofer",
    "a veterinary nurse",
    "a journalist",
    "a bricklayer",
    "a florist",
    "a dentist",
    "a pilot",
    "an architect",
    "a shop assistant",
    "a social worker",
    "a data analyst",
    "a butcher",
    "a firefighter",
    "a tailor",
    "a welder",
    "a childminder",
    "a sommelier",
    "a saddler",
    "a glazier",
    "a stonemason",
    "a locksmith",
    "a cartographer",
    "a luthier",
    "a farrier",
    "an upholsterer",
    "a chiropodist",
    "a radiographer",
    "an optician",
];
const ACTIVITIES: &[&str] = &[
    "sitting at a desk",
    "on my feet",
    "driving",
    "lifting boxes",
    "bending over patients",
    "on the phone",
    "typing",
    "kneeling",
    "carrying heavy trays",
    "looking at screens",
    "climbing ladders",
    "walking between wards",
];
const TRIGGERS: &[&str] = &[
    "a weekend of gardening",
    "moving house",
    "a car accident",
    "a long-haul flight",
    "a bad flu",
    "having my second baby",
    "a fall on the ice",
    "starting a new job",
    "lifting my grandson",
    "a bereavement",
    "an operation",
    "a skiing trip",
    "decorating the hall",
    "a marathon",
    "a stomach bug",
    "a very stressful year",
];
const TIMES: &[&str] = &[
    "first thing in the morning",
    "at night",
    "after work",
    "when it's cold",
    "after long drives",
    "at weekends",
    "before my period",
    "after meals",
    "when I'm tired",
    "in the winter",
    "on the school run",
    "in the afternoons",
];
const CLINICIANS: &[&str] = &[
    "GP",
    "physio",
    "consultant",
    "midwife",
    "osteopath",
    "practice nurse",
    "rheumatologist",
    "neurologist",
    "pharmacist",
    "chiropractor",
    "dermatologist",
    "gynaecologist",
    "oncology nurse",
    "counsellor",
];
const TRIED: &[&str] = &[
    "physiotherapy",
    "painkillers",
    "massage",
    "a TENS machine",
    "yoga",
    "stretching",
    "heat packs",
    "anti-inflammatories",
    "hypnotherapy",
    "counselling",
    "a support belt",
    "osteopathy",
    "mindfulness",
    "a special diet",
    "pilates",
    "steroid injections",
    "an ergonomic chair",
    "herbal teas",
    "cold water swimming",
    "a foam roller",
    "chiropractic",
    "reflexology",
    "cognitive behavioural therapy",
    "magnesium supplements",
];
const MEDICINES: &[&str] = &[
    "ibuprofen",
    "paracetamol",
    "naproxen",
    "amitriptyline",
    "gabapentin",
    "pregabalin",
    "codeine",
    "omeprazole",
    "lansoprazole",
    "sertraline",
    "citalopram",
    "fluoxetine",
    "propranolol",
    "sumatriptan",
    "cetirizine",
    "loratadine",
    "fexofenadine",
    "salbutamol",
    "levothyroxine",
    "metformin",
    "amlodipine",
    "ramipril",
    "warfarin",
    "apixaban",
    "clopidogrel",
    "tamoxifen",
    "letrozole",
    "ondansetron",
    "metoclopramide",
    "mebeverine",
    "loperamide",
    "lactulose",
    "senna",
    "melatonin",
    "zopiclone",
    "diazepam",
    "hydrocortisone",
    "the pill",
    "HRT",
    "beta blockers",
    "statins",
    "antihistamines",
];
const FREQUENCIES: &[&str] = &[
    "every day",
    "twice a day",
    "most days",
    "at night",
    "when it flares",
    "once a week",
    "three times a week",
    "every morning",
];
const HOBBIES: &[&str] = &[
    "running",
    "tennis",
    "golf",
    "swimming",
    "cycling",
    "gardening",
    "hiking",
    "dancing",
    "climbing",
    "rowing",
    "football",
    "netball",
    "knitting",
    "painting",
    "playing the piano",
    "playing the violin",
    "bell ringing",
    "birdwatching",
    "fishing",
    "sailing",
    "horse riding",
    "badminton",
    "bowls",
    "pottery",
    "archery",
    "fencing",
    "kayaking",
    "orienteering",
    "woodturning",
    "beekeeping",
    "salsa",
    "paddleboarding",
    "bouldering",
    "crochet",
    "allotment gardening",
    "choir singing",
];
const FEELINGS: &[&str] = &[
    "low",
    "anxious",
    "frustrated",
    "tired",
    "desperate",
    "fed up",
    "worried",
    "irritable",
    "tearful",
    "stressed",
    "exhausted",
    "hopeful",
];
const WHEN: &[&str] = &[
    "last year",
    "in March",
    "a few weeks ago",
    "two years ago",
    "last autumn",
    "in the summer",
    "before Christmas",
    "recently",
];
const THERAPIES: &[&str] = &[
    "moxibustion",
    "cupping",
    "electroacupuncture",
    "acupressure",
    "ear acupuncture",
    "dry needling",
    "gua sha",
    "tuina",
    "herbal medicine",
    "massage",
    "laser acupuncture",
    "reflexology",
];
const COUNTS: &[&str] = &["two", "three", "four", "five", "six", "eight", "ten"];
const COURSES: &[&str] = &[
    "settles within a few weeks",
    "comes and goes over many years",
    "improves gradually with the right support",
    "flares at times of stress",
    "responds well to a combination of approaches",
    "can take several months to ease",
];
const ADVICE: &[&str] = &[
    "posture",
    "sleep",
    "diet",
    "pacing",
    "stress",
    "exercise",
    "breathing",
    "hydration",
    "work habits",
    "relaxation",
];
const STRENGTHS: &[&str] = &[
    "limited",
    "mixed",
    "encouraging",
    "modest",
    "still developing",
    "inconsistent",
    "fairly strong for some outcomes",
    "weak",
];
const STUDIES: &[&str] = &[
    "small studies",
    "a handful of trials",
    "large reviews",
    "observational studies",
    "pilot studies",
    "randomised trials",
];
const COURSES_OF_TREATMENT: &[&str] = &[
    "a course of six to eight weekly sessions",
    "four to six treatments",
    "weekly sessions at first",
    "two sessions a week to begin with",
    "a short course of three or four sessions",
    "fortnightly treatment",
];
const EXERCISES: &[&str] = &[
    "walking",
    "swimming",
    "yoga",
    "pilates",
    "tai chi",
    "stretching",
    "cycling",
    "qigong",
    "aqua aerobics",
];
const PARTS: &[&str] = &[
    "lower back",
    "neck",
    "shoulders",
    "knees",
    "hands",
    "feet",
    "ankles",
    "wrists",
    "ears",
    "abdomen",
    "scalp",
    "hips",
    "forearms",
    "shins",
    "upper back",
    "jaw",
];
const RED_FLAGS: &[&str] = &[
    "numbness around the groin",
    "unexplained weight loss",
    "a fever",
    "chest pain",
    "sudden weakness in a limb",
    "blood in your stool",
    "a severe headache unlike any before",
    "difficulty swallowing",
    "night pain that does not ease",
    "new confusion",
];
const REACTIONS: &[&str] = &[
    "tired",
    "light-headed",
    "emotional",
    "very relaxed",
    "a little sore",
    "thirsty",
    "sleepy",
];
const IMPROVEMENTS: &[&str] = &[
    "better sleep",
    "less stiffness",
    "fewer bad days",
    "more energy",
    "a calmer mood",
    "easier movement",
];

/// Syllables for the rare words: medicine, town and family names no list could hold.
const SYLLABLES: &[&str] = &[
    "ba", "cor", "del", "fen", "gar", "hol", "jun", "kel", "lor", "mav", "nor", "pel", "quin",
    "ros", "sal", "tor", "val", "wen", "yar", "zel", "bri", "dro", "fra", "glo", "tre", "vin",
    "ash", "ell", "orn", "ux",
];
const MEDICINE_ENDINGS: &[&str] = &[
    "azole", "pril", "statin", "olol", "amide", "cillin", "oxetine", "afil", "idine", "umab",
];
const TOWN_ENDINGS: &[&str] = &[
    "ton", "ford", "bury", "wick", "ham", "field", "by", "stow", "mouth", "ley",
];
const SURNAME_ENDINGS: &[&str] = &["son", "ley", "er", "ington", "well", "ett", "man", "ard"];
const MAX_QUESTION_WORDS: usize = 120;
const MAX_ANSWER_WORDS: usize = 400;
/// How many different rare words of each kind can appear.
const RARE_WORDS_PER_KIND: u64 = 6000;

const PUBLISHER: &str = "The Northbridge Council of Acupuncture (a fictional association)";

struct Generator {
    random: SplitMix64,
    topics: Vec<Topic>,
    out: String,
    /// Answers are written in the markup subset, and mark the odd phrase; questions are plain.
    emphasis: bool,
}

impl Generator {
    fn archive(&mut self, questions: usize) {
        self.out.push_str(
            "{\"schema\":\"ask-expert-archive/1\",\"title\":\"Ask an expert\",\"publisher\":",
        );
        push_json_string(&mut self.out, PUBLISHER);
        self.out.push_str(",\n\"categories\":");
        self.categories();
        self.out.push_str(",\n\"synonyms\":[");
        for (index, group) in SYNONYMS.iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            self.out.push('[');
            for (position, member) in group.iter().enumerate() {
                if position > 0 {
                    self.out.push(',');
                }
                push_json_string(&mut self.out, member);
            }
            self.out.push(']');
        }
        self.out.push_str("],\n\"questions\":[");
        for number in 1..=questions {
            if number > 1 {
                self.out.push(',');
            }
            self.out.push('\n');
            self.question(number);
        }
        self.out.push_str("\n]}\n");
    }

    fn categories(&mut self) {
        let mut depth_open = 0;
        self.out.push('[');
        for (index, &(depth, id, label)) in CATEGORIES.iter().enumerate() {
            if index > 0 {
                if depth > depth_open {
                    self.out.push_str(",\"children\":[");
                } else {
                    for _ in depth..depth_open {
                        self.out.push_str("}]");
                    }
                    self.out.push_str("},");
                }
            }
            depth_open = depth;
            self.out.push_str("{\"id\":");
            push_json_string(&mut self.out, id);
            self.out.push_str(",\"label\":");
            push_json_string(&mut self.out, label);
        }
        for _ in 0..depth_open {
            self.out.push_str("}]");
        }
        self.out.push_str("}]");
    }

    fn question(&mut self, number: usize) {
        let topic = self.random.below(self.topics.len());
        let mut categories = vec![self.topics[topic].category];
        if self.random.chance(30) {
            let related = &self.topics[topic].related;
            let second = related[self.random.below(related.len())];
            if !categories.contains(&second) {
                categories.push(second);
            }
        }
        let asked = self.random_date();

        let text = self.question_text(topic);
        let _ = write!(self.out, "{{\"id\":\"q-{number:06}\",\"question\":");
        push_json_string(&mut self.out, &text);
        self.out.push_str(",\"answers\":[");
        let answers = if self.random.chance(30) { 2 } else { 1 };
        for answer in 0..answers {
            if answer > 0 {
                self.out.push(',');
            }
            let words = if answer == 0 {
                self.random.between(60, MAX_ANSWER_WORDS)
            } else {
                self.random.between(60, 160)
            };
            let body = self.answer_text(topic, words);
            self.out.push_str("{\"body\":");
            push_json_string(&mut self.out, &body);
            let answered = asked.plus_days(self.random.between(1, 30) as u32);
            let _ = write!(self.out, ",\"date\":\"{answered}\"}}");
        }
        self.out.push_str("],\"categories\":[");
        for (index, category) in categories.iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            push_json_string(&mut self.out, category);
        }
        let _ = write!(self.out, "],\"asked\":\"{asked}\"}}");
    }

    fn question_text(&mut self, topic: usize) -> String {
        // Shorter questions are more common than long ones.
        let target = 15 + (105.0 * self.random.unit() * self.random.unit()) as usize;
        let ask = self.sentence(QUESTION_ASK, topic);
        let mut sentences = Vec::new();
        let mut words = count_words(&ask);
        while words < target {
            let sentence = self.sentence(QUESTION_CONTEXT, topic);
            let sentence_words = count_words(&sentence);
            if words + sentence_words > MAX_QUESTION_WORDS {
                break;
            }
            words += sentence_words;
            sentences.push(sentence);
        }
        let ask_position = if self.random.chance(70) {
            sentences.len()
        } else {
            self.random.below(sentences.len() + 1)
        };
        sentences.insert(ask_position, ask);
        let mut text = sentences.join(" ");
        self.add_typing_habits(&mut text);
        text
    }

    /// Real questions are typed in a hurry: the odd typo, all lower case, a stray lead.
    fn add_typing_habits(&mut self, text: &mut String) {
        if self.random.chance(2) {
            let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
            let victim = self.random.below(words.len());
            words[victim] = self.misspell(&words[victim]);
            *text = words.join(" ");
        }
        if self.random.chance(8) {
            *text = text.to_lowercase();
        }
        if self.random.chance(3) {
            text.insert_str(0, ". ");
        }
    }

    fn misspell(&mut self, word: &str) -> String {
        let mut letters: Vec<char> = word.chars().collect();
        if letters.len() < 5 || !letters.iter().all(|c| c.is_ascii_alphabetic()) {
            return word.to_owned();
        }
        let at = 1 + self.random.below(letters.len() - 2);
        match self.random.below(3) {
            0 => letters.swap(at, at + 1),
            1 => {
                letters.remove(at);
            }
            _ => letters.insert(at, letters[at]),
        }
        letters.into_iter().collect()
    }

    fn answer_text(&mut self, topic: usize, target: usize) -> String {
        self.emphasis = true;
        let mut closing = self.sentence(ANSWER_CLOSING, topic);
        if self.random.chance(10) {
            let condition = self.pick_condition(topic);
            let slug = self.topics[topic].category;
            let _ = write!(
                closing,
                " There is more in [our factsheet on {condition}](https://example.org/factsheets/{slug})."
            );
        }
        let opening = self.sentence(ANSWER_OPENING, topic);
        let mut words = count_words(&opening) + count_words(&closing);
        let mut paragraphs: Vec<String> = vec![opening];
        let mut list_done = false;
        'writing: while words < target {
            if !list_done && target > 150 && self.random.chance(20) {
                list_done = true;
                let list = self.list(topic);
                let list_words = count_words(&list);
                if words + list_words <= MAX_ANSWER_WORDS {
                    words += list_words;
                    paragraphs.push(list);
                }
                continue;
            }
            let mut paragraph = String::new();
            for _ in 0..self.random.between(2, 4) {
                if words >= target {
                    break;
                }
                let sentence = self.sentence(ANSWER_BODY, topic);
                let sentence_words = count_words(&sentence);
                if words + sentence_words > MAX_ANSWER_WORDS {
                    if !paragraph.is_empty() {
                        paragraphs.push(paragraph);
                    }
                    break 'writing;
                }
                words += sentence_words;
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(&sentence);
            }
            if !paragraph.is_empty() {
                paragraphs.push(paragraph);
            }
        }
        paragraphs.push(closing);
        self.emphasis = false;
        paragraphs.join("\n\n")
    }

    fn list(&mut self, topic: usize) -> String {
        let mut list = self.random.pick(LIST_INTRODUCTIONS).to_string();
        for _ in 0..self.random.between(3, 5) {
            list.push_str("\n- ");
            let template = self.random.pick(LIST_ITEMS);
            let item = self.fill(template, topic);
            list.push_str(&item);
        }
        list
    }

    fn sentence(&mut self, templates: &[&str], topic: usize) -> String {
        let template = self.random.pick(templates);
        let mut sentence = self.fill(template, topic);
        if let Some(first) = sentence.chars().next()
            && first.is_lowercase()
        {
            let upper: String = first.to_uppercase().collect();
            sentence.replace_range(..first.len_utf8(), &upper);
        }
        sentence
    }

    /// Expands every `{slot}` of `template`; a capitalised slot name capitalises its value.
    fn fill(&mut self, template: &str, topic: usize) -> String {
        let mut out = String::with_capacity(template.len() + 40);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("templates close their slots");
            let name = &rest[open + 1..close];
            let value = self.slot(&name.to_ascii_lowercase(), topic);
            let emphasis = match self.random.below(100) {
                _ if !self.emphasis => "",
                0..3 => "**",
                3..6 => "*",
                _ => "",
            };
            out.push_str(emphasis);
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                let mut chars = value.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(&value);
            }
            out.push_str(emphasis);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn slot(&mut self, name: &str, topic: usize) -> String {
        let random = &mut self.random;
        let pick =
            |random: &mut SplitMix64, items: &[&str]| items[random.below(items.len())].to_owned();
        match name {
            "cond" => self.pick_condition(topic),
            "sym" => {
                let symptoms = &self.topics[topic].symptoms;
                symptoms[random.below(symptoms.len())].to_owned()
            }
            "other_cond" => {
                let other = random.below(self.topics.len());
                self.pick_condition(other)
            }
            "age" => random
                .between(*AGES.start() as usize, *AGES.end() as usize)
                .to_string(),
            "relative" => pick(random, RELATIVES),
            "duration" => pick(random, DURATIONS),
            "job" => pick(random, JOBS),
            "activity" => pick(random, ACTIVITIES),
            "trigger" => pick(random, TRIGGERS),
            "time" => pick(random, TIMES),
            "clinician" => pick(random, CLINICIANS),
            "tried" => pick(random, TRIED),
            "medicine" => {
                if random.chance(25) {
                    rare_word(random, MEDICINE_ENDINGS)
                } else {
                    pick(random, MEDICINES)
                }
            }
            "frequency" => pick(random, FREQUENCIES),
            "town" => capitalised(&rare_word(random, TOWN_ENDINGS)),
            "surname" => capitalised(&rare_word(random, SURNAME_ENDINGS)),
            "hobby" => pick(random, HOBBIES),
            "feeling" => pick(random, FEELINGS),
            "when" => pick(random, WHEN),
            "therapy" => pick(random, THERAPIES),
            "count" => pick(random, COUNTS),
            "course" => pick(random, COURSES),
            "advice" => pick(random, ADVICE),
            "strength" => pick(random, STRENGTHS),
            "study" => pick(random, STUDIES),
            "course_of_treatment" => pick(random, COURSES_OF_TREATMENT),
            "exercise" => pick(random, EXERCISES),
            "part" => pick(random, PARTS),
            "red_flag" => pick(random, RED_FLAGS),
            "reaction" => pick(random, REACTIONS),
            "improvement" => pick(random, IMPROVEMENTS),
            other => unreachable!("unknown template slot {other}"),
        }
    }

    fn pick_condition(&mut self, topic: usize) -> String {
        let conditions = &self.topics[topic].conditions;
        // The first conditions listed are the everyday names, said most often.
        let index = (conditions.len() as f64 * self.random.unit().powi(2)) as usize;
        conditions[index.min(conditions.len() - 1)].to_owned()
    }

    fn random_date(&mut self) -> SimpleDate {
        let year = self.random.between(2012, 2026) as u16;
        let month = self.random.between(1, 12) as u8;
        let day = self
            .random
            .between(1, usize::from(days_in_month(year, month))) as u8;
        SimpleDate { year, month, day }
    }
}

/// A made-up word, drawn so that a few are common and most are rare (log-uniform over
/// the possible words: Zipf's law, roughly).
fn rare_word(random: &mut SplitMix64, endings: &[&str]) -> String {
    let number = (RARE_WORDS_PER_KIND as f64).powf(random.unit()) as u64 - 1;
    let syllables = SYLLABLES.len() as u64;
    let first = SYLLABLES[(number % syllables) as usize];
    let second = SYLLABLES[(number / syllables % syllables) as usize];
    let ending = endings[(number / (syllables * syllables) % endings.len() as u64) as usize];
    format!("{first}{second}{ending}")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Words as a reader counts them: list bullets and markup are not words.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[derive(Clone, Copy)]
struct SimpleDate {
    year: u16,
    month: u8,
    day: u8,
}

impl SimpleDate {
    /// The date `days` later, but never after 2026 (the archive's last year).
    fn plus_days(self, days: u32) -> SimpleDate {
        let mut date = self;
        for _ in 0..days {
            if date.day < days_in_month(date.year, date.month) {
                date.day += 1;
            } else if date.month < 12 {
                date = SimpleDate {
                    year: date.year,
                    month: date.month + 1,
                    day: 1,
                };
            } else if date.year < 2026 {
                date = SimpleDate {
                    year: date.year + 1,
                    month: 1,
                    day: 1,
                };
            }
        }
        date
    }
}

impl std::fmt::Display for SimpleDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// SplitMix64: tiny, fast, and good enough for text; the same on every platform.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (((self.next() >> 32) * bound as u64) >> 32) as usize
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::archive::Archive;

    #[test]
    fn same_size_and_seed_give_identical_output() {
        assert_eq!(generate_archive_json(200, 7), generate_archive_json(200, 7));
        assert_ne!(generate_archive_json(200, 7), generate_archive_json(200, 8));
    }

    #[test]
    fn output_parses_without_problems() {
        let archive = Archive::parse(&generate_archive_json(500, 1)).expect("a valid archive");
        assert!(
            archive.problems.is_empty(),
            "{:?}",
            &archive.problems[..archive.problems.len().min(5)]
        );
        assert_eq!(archive.questions.len(), 500);
        assert_eq!(archive.questions[0].id, "q-000001");
        assert_eq!(archive.questions[499].id, "q-000500");
        let empty = Archive::parse(&generate_archive_json(0, 1)).expect("a valid archive");
        assert!(empty.questions.is_empty() && empty.problems.is_empty());
    }

    #[test]
    fn tree_and_synonyms_match_the_demo_archive() {
        let demo = Archive::parse(include_str!("../../public/archive.json"))
            .expect("the demo archive parses");
        let generated = Archive::parse(&generate_archive_json(1, 1)).expect("a valid archive");
        assert_eq!(generated.categories, demo.categories);
        assert_eq!(generated.synonyms, demo.synonyms);
        for topic in TOPICS {
            assert!(demo.categories.index_of(topic.0).is_some(), "{}", topic.0);
            for related in topic.3.split('|') {
                assert!(demo.categories.index_of(related).is_some(), "{related}");
            }
        }
        assert_eq!(TOPICS.len(), CATEGORIES.len());
    }

    #[test]
    fn text_has_the_promised_shape() {
        let archive = Archive::parse(&generate_archive_json(2000, 3)).expect("a valid archive");
        let mut vocabulary = HashSet::new();
        for question in &archive.questions {
            let words = count_words(&question.text);
            assert!(
                (15..=120).contains(&words),
                "{words} words: {}",
                question.text
            );
            assert!((1..=2).contains(&question.answers.len()));
            assert!((1..=2).contains(&question.categories.len()));
            assert!((2012..=2026).contains(&question.asked.year()));
            for answer in &question.answers {
                let words = count_words(&crate::markup::plain_text(&answer.blocks()));
                assert!(
                    (60..=400).contains(&words),
                    "{words} words: {}",
                    answer.body
                );
                assert!(
                    answer
                        .date
                        .is_some_and(|date| date >= question.asked && date.year() <= 2026)
                );
                let text = crate::markup::plain_text(&answer.blocks());
                vocabulary.extend(
                    text.split(|c: char| !c.is_alphanumeric())
                        .map(str::to_lowercase),
                );
            }
            vocabulary.extend(
                question
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase),
            );
        }
        assert!(
            vocabulary.len() > 2500,
            "only {} distinct words",
            vocabulary.len()
        );
    }

    #[test]
    fn is_fast_enough_for_benchmarks() {
        let started = std::time::Instant::now();
        let json = generate_archive_json(5000, 11);
        assert!(json.len() > 5000 * 1000);
        // 50,000 questions must take well under 10 s natively; a tenth in debug builds
        // must stay far under that.
        assert!(
            started.elapsed().as_secs() < 10,
            "took {:?}",
            started.elapsed()
        );
    }
}
