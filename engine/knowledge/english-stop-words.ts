/**
 * English words too common to tell passages apart, as they look after tokenising (lower case,
 * apostrophes dropped: "don't" → "dont"): function words, plus what customers wrap questions in
 * ("hi", "please", "wondering", "want to know"). Negations are included: BM25 cannot use them.
 */
export const englishStopWords: ReadonlySet<string> = new Set(
  `a about above actually after against ago all also am an and any anyone anything anyway are arent as
  at be because been before being below between both but by can cant could couldnt did didnt do does doesnt
  doing done dont down during each either else even ever every few for from further get gets getting got
  gotten had hadnt has hasnt have havent having he hed hell hello help her here heres hers herself hes hey hi him
  himself his how hows i id if ill im in into is isnt it its itll itself ive just kind know let lets like make makes going gonna happen happens happened
  long many me mine more most much must mustnt my myself need needs neither no nor not now of off often ok okay on
  once only or other others otherwise ought our ours ourselves out over own please pls question questions really right said
  say says she shed shell shes should shouldnt so some someone something sometimes still such sure tell
  thank thanks than that thats the their theirs them themselves then there theres these they theyd theyll
  theyre theyve thing things this those though through thus thx to too under until up upon us very wanna
  want wanted wants was wasnt way we wed well were weve werent what whats when whens where wheres whether
  which while who whos whom why whys will with wonder wondering within without wont would wouldnt yeah yes yet you youd
  youll your youre yours yourself yourselves youve go goes went gone stuff`.split(/\s+/),
);
