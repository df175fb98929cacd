import type { ObjectionType } from '@call-assist/shared';

/**
 * How the agent handles a concern and how the caller reacts next, for `matchForm` text.
 */

/** The caller's concern is settled: relief, understanding, acceptance. */
export const POSITIVE_REACTION: readonly RegExp[] = [
  /\bmakes? (?:me feel |it )?(?:\w+ ){0,2}(?:better|less (?:weird|scary|nervous|worried|scared|awkward))\b/,
  /\b(?:i|i'd|i'll) (?:feel|be feeling|'m feeling|am feeling) (?:\w+ ){0,2}(?:better|good|okay|ok|comfortable|reassured|relieved|at ease)\b|\bfeel (?:a lot |so much |much |way )?better\b/,
  /\b(?:that|it|this) (?:makes|made) (?:a lot of |total |more |perfect )?sense\b|\bmakes sense\b/,
  /\b(?:that's|that is|that'd be|that would be|it's|this is|that sounds|sounds) (?:really |actually |very |so |much |a lot |way |pretty |super |totally |honestly |definitely |genuinely )?(?:reassuring|refreshing|encouraging|comforting|promising|good|great|better|fair|cool|helpful|different|a relief|not bad|true|good to know|more realistic|doable|reasonable|smart|nice|neat|amazing|awesome|perfect|fine|manageable|what i (?:want|wanted|need|needed|was hoping))\b|\b(?:good|great|nice|refreshing|reassuring|comforting) to hear\b/,
  /\b(?:good to know|what i wanted to hear|relief|relieved|reassur\w*|less scary|not a bad idea|i didn't (?:know|realize) (?:that|about|you|there)|i (?:hadn't|never|didn't) thought (?:of|about) that|(?:that|it|this) (?:could|might|would|should|can) (?:actually |really |totally |definitely )?work\b|i appreciate (?:you|that)|that helps|helps a lot|(?:does|that) change things|changes things|(?:a )?(?:good|fair|great) point|fair enough|i'm glad|glad (?:to hear|you|it's|that)|happy to hear|i like (?:that|the sound|it)|love (?:that|it)|big difference|huge difference|(?:a )?load off|weight off|put(?:s)? my mind at ease|eases my mind|i'm sold|you've convinced me|that settles it)\b/,
  /\b(?:more|much more|way more|a lot more) (?:realistic|doable|reasonable|affordable|manageable|comfortable)\b/,
  /\b(?:doesn't|does not|don't|not) (?:sound|seem|look) (?:too|that|so|as) (?:bad|scary|terrible|awful)\b|\bnot (?:too|that|so) bad\b|\bnot as bad as\b/,
  /\b(?:i|we) (?:can|could) (?:probably |definitely |totally |maybe )?(?:handle|manage|swing|afford|live with|work with|make (?:that|it) work)\b|\b(?:i|we) (?:can|could) (?:probably |definitely |totally |maybe )?do (?:that|it|this)\b|\b(?:i|we) (?:can|could) (?:probably |definitely )?(?:get|have|ask) (?:my|a|someone|somebody) (?:\w+ )?to (?:cover|watch|help|drive|take)\b/,
  /\bgive (?:you|you guys|y'all|it|this|that|them) (?:a|one more|another|a second|one last) (?:shot|try|chance|go)\b|\bworth a (?:shot|try)\b|\bi(?:'ll| will) (?:try to )?be brave\b|\bi(?:'ll| will) (?:give it a go|try it|do it)\b/,
  /^(?:oh,? |okay,? |ok,? |alright,? )?(?:nice|good|great|perfect|awesome|cool|wonderful|excellent)\b|\b(?:perfect|awesome|wonderful|excellent)\b|\b(?:okay|ok|oh|alright),? (?:good|great|cool|nice|perfect)\b|,\s(?:good|great)[.!]/,
  /\bsounds (?:a lot |much |way )?(?:better|good|great|reasonable|fair|doable|like a plan|careful|thorough|safe|solid|legit|professional|responsible)\b/,
  /\bi (?:didn't|did not|never) (?:know|realize|realise)(?: that)?\s*[.!]?\s*$/,
];

/** The caller moves on to booking, which also shows the concern no longer stands in the way. */
export const BOOKING_ACCEPTANCE: readonly RegExp[] = [
  /\blet's (?:do|set|book|go|make|get|say|try|schedule)\b/,
  /\b(?:book it|book me|sign me up|count me in|i'm in|put me (?:down|in)|i'll take (?:it|that|the))\b/,
  /\bset (?:it|that|this|me) up\b|\bhow do i (?:book|set|schedule|sign|make)\b/,
  /\bi (?:want|wanna|'d like|would like|think i want|think i'd like) to (?:at least )?(?:come in|book|do it|schedule|set|go ahead|try|hear what|see what|meet)\b/,
  /\bworks(?: for me| great| perfectly)?\s*[.!]|\bworks for me\b|\b(?:could|would|might|should|can) work\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|\w+ thirty|o'clock)\b[^.?!]{0,25}\b(?:is|are|sounds) (?:fine|good|great|perfect)\b/,
  /\bwhat (?:do|would) you have\b|\bwhich (?:day|one|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bwhen can i (?:come|get)\b|\bcan i (?:come|book|get in|make|schedule|set (?:it|that|something) up)\b|\bdo you have (?:anything|something|any)\b/,
];

/** The concern still stands: hesitation, deferral, refusal. */
export const NEGATIVE_REACTION: readonly RegExp[] = [
  /\bi don't know\b|\bi'm not sure\b|\bnot so sure\b|\bwe'll see\b/,
  /\bmaybe\b/,
  /\blet me (?:think|talk|check|look|sit)\b|\b(?:like|want|need|have|prefer|i'd want|i'd need|i'd have) to (?:check|verify|look into|research|read up|read (?:the|more|about)|think|sleep on)\b|\bi(?:'ll| will| need to| have to|'d have to| would have to| want to|'d like to) (?:think|talk|check|call (?:you )?back|get back|look at it|sit with|figure|wait)\b/,
  /\bthink about it\b|\bsit with it\b|\bi'd have to\b|\bi'd rather (?:not|wait|just)\b|\bhold off\b/,
  /^(?:no|nah|nope)\b|\bno thanks\b|\bno thank you\b|\bi'll pass\b|\bnot interested\b|\bnot promising\b|\bwhatever\b|\bnot buying it\b/,
  /\bthat's what they all say\b|\bstill\b|\bbut (?:i|it|that|still|what)\b/,
  // Agreeing to be contacted later keeps the concern standing: the caller is still putting it off.
  /\b(?:later|after (?:that|the \w+|my \w+|\w+)|next (?:week|month|year|\w+day)|then)(?: \w+){0,3} (?:is|would be|works|'s) better\b|\b(?:look at|think about|deal with|decide) (?:it )?then\b|\b(?:call|text|email|reach) (?:me|out) (?:back )?(?:then|later|next|after|in)\b/,
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
  action(/\b(?:financ\w*|payment (?:plans?|options?)|(?:in-house|in house|monthly|membership) plans?|care ?credit|monthly|a month|per month|interest free|no interest|zero percent|spread (?:it |out )*(?:the )?(?:cost|payments?)|split (?:it|the cost|the payments?)|pay (?:it )?(?:over time|in installments))\b/, 'offered financing or monthly payments', ['cost-value', 'other']),
  action(/\b(?:packages?|bundles?|discount\w*|percent off|half (?:off|price)|specials?|promotion|promo|membership|price match|save (?:about|you)|saves)\b/, 'offered package or discount pricing', ['cost-value']),
  action(/\b(?:free|complimentary|no (?:obligation|charge|cost|pressure|commitment)|nothing to lose|goes toward|credited|applied to)\b/, 'noted the consult is free with no obligation', ['cost-value', 'results-skepticism', 'other', 'timing']),
  action(/\b(?:insurance|in network|covered|coverage|benefits|fsa|hsa|(?:procedure|billing|cpt) codes?|medicare|medicaid|deductible|pre ?authoriz\w*)\b/, 'explained insurance coverage', ['cost-value']),
  action(/\b(?:includes?|included|all in|compare|comparing|apples to (?:apples|oranges)|itemized|what's included|separate(?:ly)?|knock ?off|cycles|units|fine print)\b/, 'explained what the price includes', ['cost-value']),
  action(/\b(?:lasts?|last the rest|lifetime|permanent|long run|in the long|one time|investment|pays for itself|don't replace|never replace|value)\b/, 'framed the cost as long-term value', ['cost-value', 'results-skepticism']),
  action(/\b(?:start (?:with|small)|just (?:one|the|six|a)|fewer|smaller|limited|less expensive|lower (?:fee|cost|price)|alternative|bonding|a shorter|cheaper option|half (?:a|the) syringe)\b/, 'suggested a smaller or cheaper option', ['cost-value']),
  action(/\b(?:warranty|guarantee\w*|replaced|replace (?:it|them)|no longer (?:use|with us|work)|isn't with us|not with us|make (?:it|that) right|correction|fix (?:it|that)|took (?:those|that|it) (?:really )?seriously|feedback)\b/, 'explained the warranty, what changed, or offered to make it right', ['provider-trust', 'results-skepticism']),
  action(/\b(?:board certified|licensed|registered nurses?|certified|years|experience\w*|speciali[sz]\w*|trained|training|fellowship|himself|herself|personally|medical director|supervis\w*|oversees|only (?:by|done by)|start to finish|no sales|sales reps?)\b/, "described the provider's credentials and experience", ['provider-trust', 'safety-risk', 'other']),
  action(/\b(?:rare|rarely|uncommon|temporary|safe|safely|safety|wears off|fda|approved|studies|clinical|purified|tiny|local|mild|goes away|resolves?)\b/, 'explained the risk is low and temporary', ['safety-risk']),
  action(/\b(?:accredited|anesthesiologist|clearance|bloodwork|labs|cardiologist|health history|medications|coordinate|signs off|local anesthetic|sedation|nitrous|numbing|numb|ice|cooling|cool(?:s|ing)? (?:tip|the skin)|comfortable|tolerable|pinch|pressure|screen\w*|risk (?:assessment|factors)|precautions|compression|sterile|single use|disposable|brand new|never (?:leaves|left) the room|only (?:ever )?(?:your own|used on you)|(?:not|never|nothing is) (?:shared|reused|stored)|low dose|slowly|monitor\w*|blood thinner|a one c|controlled)\b/, 'described the medical safeguards and comfort measures', ['safety-risk']),
  action(/\btest (?:patch|spot)\b|\b(?:demo|try it)\b/, 'offered a test patch or demo first', ['safety-risk', 'results-skepticism']),
  action(/\b(?:designed|built|specifically|made) for\b|\bwe use\b|\btechnique\b|\bcannula\b/, 'explained the technology or technique suits the case', ['safety-risk', 'results-skepticism', 'provider-trust']),
  action(/\b(?:welcome to (?:come|join)|come (?:in )?(?:with you|together)|bring (?:him|her|them|your \w+)|hear it from|ask the doctor|(?:his|her|their) questions)\b/, 'invited the other person to the consult', ['social-concerns']),
  action(/\b(?:discreet\w*|discretion|private|privacy|confidential|nobody (?:has to|will|needs to) know|(?:side|back|private|separate) (?:entrance|door|exit)|no sign\w*|(?:wear|wearing) a (?:hat|cap|scarf)|only (?:contact|text|email)|by text|note (?:on|in) your (?:file|chart)|won't (?:call|mention)|nothing about)\b/, 'stressed discretion', ['social-concerns']),
  action(/\b(?:natural\w*|subtle|conservative|well rested|rested|refreshed|no one (?:will )?notice|not obvious|look like (?:you|yourself)|modest|match(?:es)? (?:the )?(?:shade|shape|your)|shade|proportion\w*)\b/, 'explained results look natural', ['social-concerns', 'results-skepticism', 'safety-risk']),
  action(/\b(?:a lot of (?:our )?(?:men|guys|women|moms|patients|people|couples|folks|clients)|(?:quarter|third|half) of our|in their (?:twenties|thirties|forties|fifties|sixties|seventies|eighties)|you're not (?:alone|the only)|not the only one|(?:really |super |so )?common|we hear that (?:a lot|all the time)|take (?:some )?time to come around)\b/, 'noted many patients are in the same situation', ['social-concerns', 'provider-trust', 'results-skepticism', 'safety-risk']),
  action(/\b(?:send|email|text|mail) (?:you|over|that|some|those|it)\b/, 'offered to send information', ['social-concerns', 'provider-trust', 'results-skepticism', 'cost-value', 'timing']),
  action(/\b(?:early|evening|weekends?|late hours|morning|saturday|sunday|friday|lunch|only (?:takes|about)|minutes|back at work|camera ready|a (?:week|day) off|fall off|virtual|video)\b/, 'offered a quick or convenient option', ['timing', 'social-concerns', 'other']),
  action(/\b(?:(?:after|within|in|for) (?:about |just |only |the first )?(?:a|one|two|three|four|five|six|seven|ten|forty eight|twenty four|few|couple(?: of)?) (?:more )?(?:hours?|days?|weeks?)|back to (?:work|normal|your routine)|out and about|plan (?:it|things) around|light activity|swelling|bruising|downtime|recovery|heal\w*|lifting)\b/, 'explained how short the recovery or treatment time is', ['timing', 'social-concerns']),
  action(/\b(?:after (?:the|your) trip|when you (?:get|'re) back|the week (?:after )?you get back|reach out|check (?:back )?in|(?:give|call) you (?:a call )?(?:back )?(?:the|next|in|after)|next (?:week|month)|after things|after the|once you|wait list|waitlist|hold (?:a|the) (?:spot|slot))\b/, 'offered to follow up or plan around a better time', ['timing']),
  action(/\b(?:candidate|results vary|vary|realistic|honest\w*|expect\w*|works best|depends|success rate|percent|won't promise|not going to promise|tell you (?:honestly|if))\b/, 'set honest expectations about results', ['results-skepticism', 'cost-value']),
  action(/\b(?:dissolv\w*|reversible|imaging|simulation|preview|mock ?up|trial|test run|before and afters?|photos|gallery|see it before)\b/, 'showed how the result can be previewed, reversed or seen in photos', ['results-skepticism', 'provider-trust', 'social-concerns']),
  action(/\b(?:dos(?:e|ing)|under ?dos\w*|touch ?up|map(?:s|ping)? (?:your|the) (?:muscles?|face)|units)\b/, 'explained dosing and the touch-up policy', ['results-skepticism']),
  action(/\b(?:secure (?:link|portal|form)|virtual|video|instead|another way|closer (?:location|office)|(?:combine|line up|pair) (?:\w+ ){0,2}(?:visits|appointments)|not (?:like that|a sales (?:pitch|thing|call))|(?:price|general|ballpark) range|never see (?:the|your) (?:number|card)|(?:don't|do not|no) need (?:a|your|any) (?:card|deposit)|no (?:card|deposit)|no pressure|won't (?:call|contact)|take you off|remove (?:your|the) number|make a note)\b/, 'offered an alternative', ['other']),
  // Practical obstacles (getting there and home, childcare, language, referrals, faith or diet) met with a practical answer.
  action(/\b(?:arrange\w*|driver|(?:a |the )?ride|shuttle|transportation|overnight|recovery (?:suite|center|nurse)|after ?care nurse|play (?:area|room|corner)|bring (?:her|him|them|the kids|your (?:kids|son|daughter|baby|little one|toddler))|interpreter|translat\w*|speaks? (?:spanish|french|portuguese|vietnamese|mandarin|cantonese|korean|arabic|russian|tagalog)|referral|check your (?:plan|benefits|insurance)|animal products?|fermentation|synthetic|plant based|halal|kosher|vegan)\b/, 'offered a practical way around the obstacle', ['other']),
  action(/\b(?:scan|exam|look at|evaluate|evaluation|assess\w*|check (?:your|the|that))\b/, 'explained the consult assesses the case first', ['results-skepticism', 'provider-trust', 'safety-risk']),
];
