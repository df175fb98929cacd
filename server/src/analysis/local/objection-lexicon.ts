import type { ObjectionType } from '@call-assist/shared';

/**
 * Phrases by which callers voice each kind of concern, for `matchForm` text. A sentence needs a
 * score of 2 to count: one strong phrase, or two weaker ones (e.g. "scared" + "anesthesia").
 */
export interface Cue {
  pattern: RegExp;
  weight: number;
  /** Ignored when a negator comes just before it ("not worried", "isn't expensive"). */
  negatable?: boolean;
  /** Cost cues that only count when a price is on the table ("that's a lot"). */
  needsPrice?: boolean;
}

const cue = (pattern: RegExp, weight = 2, options: Omit<Cue, 'pattern' | 'weight'> = {}): Cue => ({ pattern, weight, ...options });

const COST: Cue[] = [
  cue(/\b(?:expensive|pricey|overpriced|steep)\b/, 2, { negatable: true }),
  cue(/\bout of (?:my|our|the) (?:price range|budget|range)\b|\bover (?:my|our) budget\b|\bnot in (?:my|our|the) budget\b/),
  cue(/\b(?:can't|cannot|couldn't|could not|can not|won't be able to|not sure (?:i|we) can|no way (?:i|we) (?:can|could)) (?:really |even |ever )?(?:afford|swing|justify|pay for|spend)\b/),
  cue(/\bafford\b/, 1),
  // A limit next to a money word: "can't pay all at once", "a lot more than I was budgeting".
  cue(/\b(?:can't|cannot|couldn't|don't think (?:i|we) (?:can|could)|not sure (?:i|we) (?:can|could)|no way|(?:a lot|way|much) more than|more than (?:i|we)|out of|hard to|tough to)\b(?:\W+\w+){0,6}?\W+(?:money|budget\w*|afford\w*|pay|paying|spend\w*|cost\w*|pric\w*|bucks|dollars|grand|thousand)\b/),
  cue(/\b(?:price|cost|payment|it)(?:'s| is) (?:just |way |a bit |a little )?(?:too (?:high|much|steep)|more than (?:i|we))\b|\bmoney(?:'s| is) (?:an issue|a problem|a concern)\b/),
  cue(/\b(?:lost my job|between jobs|on disability|i'm a student|student loans)\b/, 1),
  cue(/\b(?:way |much |a lot )?more than (?:i|we) (?:can|could) (?:manage|handle|swing|do|justify)\b/, 2, { needsPrice: true }),
  cue(/\b(?:a third|half|a fraction|a quarter) (?:of )?the (?:price|cost)\b|\bwhy would (?:i|we|anyone) pay (?:more|that|extra|so much)\b|\bpay(?:ing)? (?:more|extra) (?:here|for)\b/),
  cue(/\b(?:fixed income|on a budget|tight budget|money(?:'s| is| has been| was)? (?:been )?(?:really |pretty |super )?tight|(?:short|tight) on (?:money|cash))\b/),
  cue(/\b(?:more|into) debt\b|\bsave up\b|\bdon't have (?:that kind of|that much|the) (?:money|cash)\b/),
  cue(/\bmore than i (?:wanted|want|was hoping|planned|expected|can) to (?:spend|pay)\b|\b(?:more|higher) than (?:the|another|other) (?:place|clinic|office|quote)\b/),
  cue(/\b(?:cheaper|less expensive|lower price|better price|better deal)\b/, 2, { negatable: true }),
  cue(/\b(?:thousand|hundred|grand|bucks|dollars) (?:less|cheaper)\b|\bless than (?:you|your)\b/),
  cue(/\b(?:hoping|thinking|expecting|figured|budgeted)\b[^.?!]{0,25}\b(?:more like|closer to|under|around)\b/, 1, { needsPrice: true }),
  cue(/\b(?:that's|thats|it's|that is|it is) (?:a lot|a lot of money|too much|so much money|a lot for)\b/, 1, { negatable: true, needsPrice: true }),
  cue(/\b(?:is it|it's not|not sure it's|isn't|wouldn't be) (?:really )?worth (?:it|the money|that)\b/),
  cue(/\bif (?:my |the )?insurance (?:doesn't|does not|won't|will not|isn't going to) (?:pay|cover)\b/),
  cue(/\bwaste of money\b|\bthrowing money away\b/, 1),
  cue(/\bstill (?:a lot|too much|a few hundred|[a-z]+ (?:hundred|thousand))\b/, 2, { needsPrice: true }),
];

const SAFETY: Cue[] = [
  cue(/\b(?:is|are) (?:it|this|that|they|the (?:procedure|surgery|treatment|laser|filler)) (?:really |actually |even )?safe\b|\bhow safe\b|\bsafe for (?:me|my|someone|people|dark|darker|sensitive|pregnant)\b/),
  cue(/\b(?:side effects?|risks?|complications?|dangerous|danger)\b/, 2, { negatable: true }),
  cue(/\bsafety\b/, 1, { negatable: true }),
  cue(/\bhorror stor(?:y|ies)\b/),
  cue(/\b(?:burns?|burned(?! out)|scar|scars|scarring|marks|droop\w*|paraly\w*|dying|die|died|death|bleed\w*|blood thinners?|anesthesia|put under|going under|infection|allerg\w*|needles?|painful|hurts?|damage|blind\w*|eyesight|vision|nerves?|toxic|poison\w*|botched|cancer|pregnan\w*|breastfeed\w*|medications?|meds|prescriptions?|accutane|diabet\w*|blood pressure|heart condition|keloids?|sensitive skin|reactions?|go(?:es)? wrong|something (?:slips|happens|goes wrong))\b/, 1),
  cue(/\bbad reaction\b|\b(?:does it|will it|is it going to) hurt\b|\bhow (?:much|bad) does it hurt\b|\blow pain tolerance\b/),
];

const TIMING: Cue[] = [
  cue(/\b(?:too|so|really|crazy|super) busy\b|\bswamped\b|\bslammed\b/),
  cue(/\bbusy\b/, 1, { negatable: true }),
  cue(/\b(?:this|next) (?:whole )?(?:month|week|year|season)\b[^.?!]{0,30}\b(?:insane|crazy|busy|hectic|nuts|packed|tough|rough)\b/),
  cue(/\b(?:can't|cannot|couldn't) (?:really )?(?:take|get|afford to take) (?:a lot of |any |much |more )?(?:time|days?) off\b/),
  cue(/\btime off\b|\bdays? off\b|\bdowntime\b|\brecovery\b|\b(?:months|weeks) (?:out|away)\b/, 1),
  cue(/\bi work (?:nights|doubles|weekends|long (?:hours|shifts)|\w+ twelves|two jobs)\b|\bhow long does (?:each|a|the|every) (?:session|treatment|appointment|visit|procedure) take\b/, 1),
  cue(/\b(?:can't|cannot|couldn't) (?:just )?(?:disappear|be out|be gone|miss (?:work|that much)|be away)\b|\bnot until\b|\b(?:rather|better) wait\b|\bjust started a new job\b/),
  cue(/\b(?:traveling|travelling|out of town|on vacation|away for|trip)\b/, 1),
  cue(/\bgoing (?:to|on|away)\b[^.?!]{0,30}\bin (?:like |about |a )?(?:few |couple (?:of )?|\w+ )?(?:days?|weeks?|months?)\b|\b(?:wedding|vacation|honeymoon|trip|event) (?:is )?in (?:like |about |a )?(?:few |couple (?:of )?|\w+ )?(?:days|weeks?)\b/),
  cue(/\bthe next (?:two|three|few|couple(?: of)?|\w+) (?:weeks|months)\b|\bin a (?:few|couple(?: of)?) (?:more )?(?:months|weeks)\b/, 1),
  cue(/\b(?:work|business) trip\b|\b(?:trip|travel\w*|out of town|away|vacation)\b[^.?!]{0,30}\b(?:that|this|next) (?:week|weekend|month)\b/),
  cue(/\b(?:don't|do not) have (?:the |any )?time\b|\bno time\b|\b(?:can't|won't be able to|not able to) (?:do|make|come in)\b[^.?!]{0,30}\b(?:until|till)\b|\buntil after\b/),
  cue(/\b(?:push|put) (?:it|this|that|things) (?:off|out|back)\b|\bpostpone\b/),
  cue(/\bhold off\b/, 1),
  cue(/\b(?:presentation|event|wedding|trip|vacation|interview|party|reunion|graduation|photo shoot|surgery|deadline)s? (?:is )?coming up\b/),
  cue(/\b(?:wait|waiting)\b[^.?!]{0,30}\b(?:until|till|a (?:few|couple)|after)\b|\buntil (?:things|it|work|life) (?:calm|slow|settle)s?/),
  cue(/\bnot the right time\b|\b(?:bad|terrible|crazy|busy|hectic) time (?:for (?:me|us)|right now|of (?:the )?year)\b|\bnot a good time\b|\bnot ready\b/),
  cue(/\bmaybe (?:later|next (?:month|year)|in (?:the )?(?:spring|summer|fall|winter|new year))\b|\bafter the holidays\b/),
  cue(/\bschedule(?:'s| is)?\b[^.?!]{0,30}\b(?:crazy|all over|packed|full|tight|nuts|hectic)\b/),
  cue(/\b(?:work|job)\b[^.?!]{0,20}\b(?:exploded|crazy|insane|slammed|hectic|nuts)\b/),
  cue(/\b(?:i'm|i am) (?:actually |just )?(?:driving|at work|in a meeting)\b/, 1),
  cue(/\bcan't (?:even )?think about (?:booking|scheduling|it|this)\b/, 1),
];

// Opinions and looks (weight 1) only become a social concern with a third party in the sentence,
// or a pronoun for one named earlier in the turn: `adjustScores` adds that point.
const SOCIAL: Cue[] = [
  cue(/\b(?:talk|check|discuss|run it by|ask|consult)\b[^.?!]{0,25}\b(?:my )?(?:husband|wife|partner|boyfriend|girlfriend|spouse|family|parents|fianc\w*)\b/),
  cue(/\b(?:against (?:it|this|the whole)|not on board|doesn't want me|don't want me|wouldn't want me|doesn't like the idea|thinks? (?:i|i'm|it's|this is|that) (?:look )?(?:fine|too old|crazy|vain|don't need|a waste)|too old for|why spend)\b/, 1),
  cue(/\b(?:never let me (?:hear the end|live it down)|never let it go|give me (?:so much |a lot of )?(?:crap|grief|a hard time)|mak(?:e|es|ing) fun|teas(?:e|es|ed|ing)|laugh at me|judge me|would notice|find out|seeing me|would kill me|what (?:my )?\w+ (?:would|will) think|(?:don't|doesn't) (?:want (?:\w+ )?to know|know about (?:it|this))|(?:really |keeps? )?(?:wants|pushing|making|pressur\w*) me (?:to|into))\b/, 1),
  cue(/\b(?:will|would|could|can) (?:people|anyone|anybody|others|everyone|coworkers|my \w+) (?:be able to )?(?:tell|notice|know|see it)\b|\b(?:i'd|i would|i'll|i will|i'd just) feel (?:so |really |kind of )?(?:awkward|weird|silly|embarrassed)\b/),
  cue(/\b(?:embarrass\w*|self[- ]conscious|weird about it|as a (?:guy|man|dude)|what (?:people|others) (?:would |will )?think|(?:anyone|people|anybody) to know|people will know)\b/, 2, { negatable: true }),
  cue(/\b(?:waste of money|throwing money away)\b/, 1),
];

const TRUST: Cue[] = [
  cue(/\b(?:don't|do not|not sure (?:i|we) can|can't|hard to|how (?:can|do) i) (?:really |fully |totally )?trust\b/),
  cue(/\b(?:bad|negative|terrible|mixed|couple|some|few|poor|one star|two star|[12] star) (?:of )?reviews?\b|\bheard (?:some )?(?:bad|terrible|not great|mixed) things\b|\bbad experience\b|\breviews?\b[^.?!]{0,60}\b(?:said|saying|complain\w*|chipped|botched|bad)\b/),
  cue(/\bis (?:the|your) (?:doctor|surgeon|injector|provider|person)\b[^.?!]{0,40}\b(?:board certified|certified|licensed|a real|an actual|a specialist|a \w+ surgeon|a surgeon|a dermatologist|a nurse|a doctor)\b/),
  cue(/\bwho (?:would|will|is going to|does|is) (?:be )?(?:doing|do|perform)\b|\bwho (?:does|do|performs|will do) (?:the|my|your) (?:procedure|surgery|treatment|injections?|laser)\b|\b(?:actual|real) doctor\b|\bsome (?:tech|technician)\b|\bjust anybody\b|\bhow many (?:of these|times|procedures)\b|\bhow long (?:has|have) (?:he|she|the doctor|they) been\b/),
  cue(/\b(?:you|you guys|you folks|your (?:doctor|office|clinic|staff|injectors?)) (?:are|is) (?:any good|legit|qualified|good enough)\b|\b(?:is|are) (?:the doctor|he|she|they|the (?:surgeon|injector|nurse)s?) (?:actually |even )?(?:board )?(?:certified|licensed|qualified|experienced)\b/),
  cue(/\b(?:qualified|qualifications|credentials|weekend certificate|clueless|scam\w*|shady|sketchy|legit)\b/),
  cue(/\btried to (?:sell|upsell) me\b|\bburned out on\b|\bthis (?:whole )?industry\b|\b(?:been|got) burned before\b/),
  cue(/\b(?:didn't|don't|doesn't) (?:seem to |really |even )?know what (?:she|he|they|you)(?:'re| are| was| were| is) doing\b|\bbad (?:luck|experiences?) (?:with|at) (?:other |another |a |some )?(?:places?|clinics?|spas?|offices?|providers?)\b/),
  cue(/\b(?:dirty|unsanitary|unprofessional)\b/, 1),
  cue(/\b(?:inexperienced|unqualified|amateurs?|rookies?)\b|\b(?:don't|do not) know anyone (?:who(?:'s| has)|that(?:'s| has)) (?:been|gone|used)\b/),
  cue(/\b(?:before and afters?|instagram|photos?|pictures?)\b[^.?!]{0,80}\b(?:looked|look|looks) (?:kind of |really |a little |pretty )?(?:weird|off|bad|pinched|fake|botched|uneven|wrong|overdone)\b/),
];

const RESULTS: Cue[] = [
  cue(/(?<!\bhow )\b(?:does|will|would|did) (?:it|this|that) (?:actually |really |even )?work\b|\bnot sure (?:it|this|that) (?:really |actually )?works?\b|\bif it (?:doesn't|does not|won't) work\b/),
  cue(/\b(?:skeptical|sceptical|doubtful|i doubt)\b/, 2, { negatable: true }),
  cue(/\b(?:didn't|did not|don't|never) (?:really )?(?:see|notice) (?:much|any|a|anything|a difference|results?)\b|\bsaw (?:like )?(?:nothing|no (?:difference|change|results?))\b|\blooked the same\b/),
  cue(/\b(?:didn't|did not|doesn't|does not|never) (?:do|did) (?:anything|much|a thing)\b|\b(?:didn't|did not|never|doesn't) (?:really )?work(?:ed)?\b|\bnot convinced\b|\bwon't last\b|\bwears? off (?:too )?(?:fast|quickly)\b/),
  cue(/\bnothing (?:really |ever )?(?:works?|worked|helps?|helped)\b|\b(?:none|nothing) of (?:it|that|them|those|that stuff|this stuff)\b[^.?!]{0,25}\b(?:work\w*|help\w*|difference|did anything)\b|\b(?:didn't|did not|never) (?:make|made) (?:any|a|much) difference\b/),
  cue(/\b(?:wasn't|not|isn't|i'm not) (?:really )?sure (?:if |whether |that )?(?!yet\b|which\b|when\b|what\b|where\b|how\b|about\b)[^.?!]{0,40}\b(?:useful|effective|helps?|works?|do anything|make (?:a|any) difference)\b/),
  cue(/\b(?:do|does|will|would) (?:it|they|this|that|these|those) (?:actually |really |ever )?(?:go away|fade|disappear|come out|grow back|last)\b/),
  cue(/\b(?:garbage|useless|junk|a scam|snake oil)\b/, 1),
  cue(/\b(?:does|will|would|is) (?:it|this|that) (?:actually |really |even )?(?:make (?:a|any) difference|going to work|do anything)\b|\bnot sure (?:it(?:'ll| will)?|that(?:'ll| will)?) (?:work|help)\b/),
  cue(/\b(?:like a different person|like myself|look(?:s|ing)? (?:so |too |really )?(?:fake|frozen|overdone|unnatural|weird|tight|plastic|done))\b/, 1),
  cue(/\b(?:a gamble|for a maybe)\b/, 1),
  cue(/\b(?:all the way|completely|a hundred percent) (?:off|gone)\b|\bghost of\b/),
  cue(/\b(?:what )?if i (?:hate|don't like) (?:it|the results?|how it looks)\b|\b(?:doesn't|won't|not) (?:even )?look like me\b|\bstuck with it\b/),
  cue(/\bhow long (?:does|will|do) (?:it|the results?|they) (?:actually )?last\b|\bis it permanent\b/, 1),
];

const OTHER: Cue[] = [
  cue(/\bsales pitch\b|\b(?:pushy|pressured?|hard sell)\b/),
  cue(/\b(?:\w+ minute|an hour|hour) drive\b|\ball the way (?:over )?(?:in|out)\b|\btoo far\b|\bfar (?:away|from)\b/),
  cue(/\b(?:card|credit card|card number|card info\w*)\b[^.?!]{0,30}\bover the phone\b|\bdeposit\b|\bcard on file\b/, 2, { negatable: true }),
  cue(/\bnot (?:really |that |too )?(?:into|a fan of|big on|keen on)\b/, 2, { negatable: false }),
  cue(/\b(?:don't|do not) have a car\b|\bno (?:ride|transportation)\b|\bnot ready to commit\b/),
  cue(/\bjust (?:browsing|looking)\b|\bnot (?:actually |really )?(?:looking to|interested)\b|\bonly (?:put|signed up|gave)\b[^.?!]{0,30}\b(?:coupon|discount|deal|free)\b/),
];

/** Cues by objection type. */
export const OBJECTION_CUES: Readonly<Record<ObjectionType, readonly Cue[]>> = {
  'cost-value': COST,
  'safety-risk': SAFETY,
  timing: TIMING,
  'social-concerns': SOCIAL,
  'provider-trust': TRUST,
  'results-skepticism': RESULTS,
  other: OTHER,
};

/** Order used to break ties when one sentence scores the same for two types. */
export const TYPE_PRIORITY: readonly ObjectionType[] = ['social-concerns', 'safety-risk', 'provider-trust', 'results-skepticism', 'cost-value', 'timing', 'other'];

/** Worry in general; adds weight to the concern named in the same or a neighbouring sentence. */
export const CONCERN_MARKER = /\b(?:worried|concerned|scared|terrified|afraid|frightened|nervous|anxious|freak(?:s|ed)? me out|freak(?:ed|ing) out|sounds (?:awful|scary|terrible|painful)|what if|i've heard|i heard|i've seen|i read|(?:is|would|will) (?:that|it|this) (?:going to )?be (?:a problem|an issue|okay|ok)|should i be worried|bummer|disappoint\w*|(?:don't|do not) want to end up)\b/;

/** Fear and hearsay without a named topic ("I read it can come back. That scared me off.") read as a safety worry. */
export const FEAR = /\b(?:scared|terrified|afraid|frightened|freak(?:s|ed)? me out|freak(?:ed|ing) out)\b/;
export const HEARSAY = /\b(?:i've heard|i heard|i read|i've read|i've seen|i saw (?:online|on)|what if)\b/;

/** Someone other than the caller whose opinion or gaze is the worry. */
export const THIRD_PARTY = /\b(?:husband|wife|partner|boyfriend|girlfriend|spouse|fianc\w*|mom|mother|dad|father|parents|family|kids|children|son|daughter|friends?|buddies|buddy|coworkers?|co-workers?|colleagues?|boss|guys at work|people at work|everyone|everybody)\b/;

/** A money amount. */
export const MONEY_MENTION = /\b(?:bucks|dollars|grand|thousand|hundred)\b|\$\s?[0-9]/;

/** Shock at a price. */
export const PRICE_SHOCK = /\b(?:whoa|yikes|ouch|geez|jeez|good lord|oh my god|holy|nah|no way|ridiculous|outrageous|insane|crazy)\b/;

/** A price stated and accepted is not a cost objection. */
export const PRICE_ACCEPTED = /\b(?:cheaper|less) than i (?:thought|expected|figured)\b|\bnot (?:that|too|so) (?:bad|expensive)\b|\b(?:reasonable|affordable|not bad|doable|fair price|good price|what i expected|my favorite price)\b/;

/** In a non-consult call only a reaction to an offer can be an objection (an upsell turned down). */
export const AGENT_OFFER = /\b(?:special|promo\w*|deal|discount|offer|while i have you|curious|consult(?:ation)?|package|membership|would you like to (?:try|book|add))\b/;

/** The caller hedging or voicing doubt. */
export const HEDGE = /\b(?:but|honestly|to be honest|the thing is|my (?:worry|concern|problem|issue|question)|i'm not sure|i don't know (?:if|about)|the other thing|(?:really|actually|even)\b[^.?!]*\?)/;

/** The agent answering as to a concern: acknowledgement first. */
export const AGENT_EMPATHY =
  /^(?:(?:oh|okay|ok|yeah|yes|mm|hmm|so|well|no|aw|ugh|sure)\W+)*(?:i (?:totally |completely |really |definitely )?(?:understand|get (?:it|that)|hear (?:you|that))|(?:that's|that is|it's) (?:a )?(?:totally |completely |really |very |such a )?(?:fair|understandable|valid|common|normal|good question|great question|real concern|important|good thing)|(?:totally|completely) (?:fair|understand|get it|valid|understandable)|i'm (?:so |really )?sorry|i appreciate (?:you|that)|i'm glad you|good (?:question|thing)|great question|fair (?:enough|question|point))/;
