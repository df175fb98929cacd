import type { ObjectionType } from '@call-assist/shared';

/**
 * How the agent handles a concern and how the caller reacts next, for `matchForm` text.
 */

/** The caller's concern is settled: relief, understanding, moving to book. */
export const POSITIVE_REACTION: readonly RegExp[] = [
  /\bmakes? (?:me feel |it )?(?:\w+ ){0,2}(?:better|less (?:weird|scary|nervous|worried|scared|awkward))\b/,
  /\b(?:that|it) (?:makes|made) (?:a lot of |total |more )?sense\b/,
  /\b(?:that's|that is|that'd be|that would be|it's) (?:really |actually |very |so |much |a lot |way )?(?:reassuring|good|great|better|fair|cool|helpful|different|a relief|not bad|true|good to know|more realistic|doable|reasonable)\b/,
  /\b(?:good to know|what i wanted to hear|relief|reassur\w*|less scary|not a bad idea|i didn't (?:know|realize) (?:that|about|you|there)|i (?:hadn't|never|didn't) thought (?:of|about) that|(?:that|it|this) (?:could|might|would|should) (?:actually |really |totally )?work\b|i appreciate (?:you|that)|that helps|(?:does|that) change things|(?:a )?(?:good|fair|great) point)\b/,
  /\b(?:more|much more|way more) (?:realistic|doable|reasonable|affordable)\b/,
  /^(?:oh,? )?(?:nice|good|great|perfect|awesome|cool)\b|\b(?:perfect|awesome|wonderful|excellent)\b/,
  /\bsounds (?:a lot |much |way )?(?:better|good|great|reasonable|fair|doable|like a plan)\b/,
];

/** The caller moves on to booking, which also shows the concern no longer stands in the way. */
export const BOOKING_ACCEPTANCE: readonly RegExp[] = [
  /\blet's (?:do|set|book|go|make|get)\b/,
  /\b(?:book it|sign me up|count me in|i'm in)\b/,
  /\bset (?:it|that|this|me) up\b|\bhow do i (?:book|set|schedule|sign|make)\b/,
  /\bi (?:want|wanna|'d like|would like|think i want|think i'd like) to (?:at least )?(?:come in|book|do it|schedule|set|go ahead|try|hear what|see what|meet)\b/,
  /\bworks(?: for me| great| perfectly)?\s*[.!]|\bworks for me\b/,
  /\bwhat (?:do|would) you have\b|\bwhich (?:day|one|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bwhen can i (?:come|get)\b|\bcan i (?:come|book|get in|schedule|set (?:it|that|something) up)\b/,
];

/** The concern still stands: hesitation, deferral, refusal. */
export const NEGATIVE_REACTION: readonly RegExp[] = [
  /\bi don't know\b|\bi'm not sure\b|\bnot so sure\b/,
  /\bmaybe\b/,
  /\blet me (?:think|talk|check|look|sit)\b|\bi(?:'ll| will| need to| have to|'d have to| would have to) (?:think|talk|check|call (?:you )?back|get back|look at it|sit with|figure)\b/,
  /\bthink about it\b|\bsit with it\b|\bi'd have to\b/,
  /^(?:no|nah|nope)\b|\bno thanks\b|\bi'll pass\b|\bnot interested\b|\bnot promising\b/,
  /\bthat's what they all say\b|\bstill\b/,
];

/** What the agent did about a concern, and which concerns it answers. */
export interface HandlingAction {
  pattern: RegExp;
  description: string;
  types: readonly ObjectionType[];
}

const ALL: readonly ObjectionType[] = ['cost-value', 'safety-risk', 'timing', 'social-concerns', 'provider-trust', 'results-skepticism', 'other'];
const action = (pattern: RegExp, description: string, types: readonly ObjectionType[] = ALL): HandlingAction => ({ pattern, description, types });

/** Handling moves in the agent's response, in the order they are listed in `how`. */
export const HANDLING_ACTIONS: readonly HandlingAction[] = [
  action(/\b(?:financ\w*|payment (?:plans?|options?)|(?:in-house|in house|monthly) plans?|care ?credit|monthly|a month|per month|interest free|spread (?:it |out )*(?:the )?(?:cost|payments?)|split (?:it|the cost|the payments?))\b/, 'offered financing or monthly payments', ['cost-value', 'other']),
  action(/\b(?:packages?|discount|percent off|half (?:off|price)|specials?|promotion)\b/, 'offered package or discount pricing', ['cost-value']),
  action(/\b(?:free|complimentary|no (?:obligation|charge|cost|pressure))\b/, 'noted the consult is free with no obligation', ['cost-value', 'results-skepticism', 'other', 'timing']),
  action(/\b(?:insurance|in network|covered|coverage|procedure codes?)\b/, 'explained insurance coverage', ['cost-value']),
  action(/\b(?:includes?|included|all in|compare|apples)\b/, 'explained what the price includes', ['cost-value']),
  action(/\b(?:lasts?|last the rest|lifetime|permanent|long run|in the long)\b/, 'framed the cost as long-term value', ['cost-value', 'results-skepticism']),
  action(/\b(?:warranty|guarantee\w*|replaced|no longer use)\b/, 'explained the warranty and what changed', ['provider-trust', 'results-skepticism']),
  action(/\b(?:board certified|licensed|registered nurses?|certified|years|experience\w*|speciali[sz]\w*|trained|himself|herself|personally|medical director)\b/, "described the provider's credentials and experience", ['provider-trust', 'safety-risk', 'other']),
  action(/\b(?:rare|rarely|uncommon|temporary|safe|safely|wears off)\b/, 'explained the risk is low and temporary', ['safety-risk']),
  action(/\b(?:accredited|anesthesiologist|clearance|bloodwork|cardiologist|health history|medications|coordinate|signs off|local anesthetic|sedation|numbing)\b/, 'described the medical safeguards', ['safety-risk']),
  action(/\btest (?:patch|spot)\b/, 'offered a test patch first', ['safety-risk', 'results-skepticism']),
  action(/\b(?:designed|built|specifically) for\b|\bwe use\b/, 'explained the technology suits the case', ['safety-risk', 'results-skepticism']),
  action(/\b(?:welcome to (?:come|join)|come (?:in )?(?:with you|together)|bring (?:him|her|them)|hear it from)\b/, 'invited the other person to the consult', ['social-concerns']),
  action(/\b(?:discreet|private|nobody (?:has to|will|needs to) know|side entrance|hat)\b/, 'stressed discretion', ['social-concerns']),
  action(/\b(?:natural|subtle|conservative|well rested|no one (?:will )?notice)\b/, 'explained results look natural', ['social-concerns', 'results-skepticism', 'safety-risk']),
  action(/\b(?:a lot of (?:our )?(?:men|guys|women|patients|people|couples|folks)|(?:quarter|third|half) of our|in their (?:seventies|eighties|sixties))\b/, 'noted many patients are in the same situation', ['social-concerns', 'provider-trust', 'results-skepticism']),
  action(/\b(?:send|email|text|mail) (?:you|over|that|some)\b/, 'offered to send information', ['social-concerns', 'provider-trust', 'results-skepticism', 'cost-value', 'timing']),
  action(/\b(?:early|evening|weekend|late hours|morning|saturday|sunday|only (?:takes|about)|minutes|back at work|a (?:week|day) off|fall off)\b/, 'offered a quick or convenient option', ['timing', 'social-concerns']),
  action(/\b(?:(?:after|within|in|for) (?:about |just |only |the first )?(?:a|one|two|three|four|five|six|seven|ten|few|couple(?: of)?) (?:more )?(?:days?|weeks?)|back to (?:work|normal|your routine)|out and about|plan (?:it|things) around|light activity)\b/, 'explained how short the recovery or treatment time is', ['timing', 'social-concerns']),
  action(/\b(?:after (?:the|your) trip|when you (?:get|'re) back|the week you get back|reach out|check (?:back )?in|next (?:week|month)|after things)\b/, 'offered to follow up at a better time', ['timing']),
  action(/\b(?:candidate|results vary|vary|realistic|honest\w*|expect\w*|works best|depends)\b/, 'set honest expectations about results', ['results-skepticism', 'cost-value']),
  action(/\b(?:dissolv\w*|reversible|imaging|simulation|preview|before and afters?|photos)\b/, 'showed how the result can be previewed, reversed or seen in photos', ['results-skepticism', 'provider-trust', 'social-concerns']),
  action(/\b(?:secure link|virtual|instead|another way|closer|line (?:their|your) visits|errands|not like that|not a sales|general range)\b/, 'offered an alternative', ['other']),
  action(/\b(?:scan|exam|look at|evaluate|assess)\b/, 'explained the consult assesses the case first', ['results-skepticism', 'provider-trust']),
];
