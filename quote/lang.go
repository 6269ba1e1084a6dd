package quote

import "strings"

// Gender is what a pronoun, honorific, first name or role word says about
// the person it names.
type Gender uint8

const (
	// Unknown gender: compatible with any pronoun.
	Unknown Gender = iota
	Male
	Female
	// Neuter is an organisation, a document or a group ("it", "they").
	Neuter
)

// markPair is a pair of quotation marks; Open == Close for the straight
// double quote, whose direction is read from the letters around it.
type markPair struct {
	Open, Close rune
}

// Language holds the per-language tables quote extraction and attribution
// read: [English], and the smaller [German], [French], [Spanish] and
// [Russian] (lang_other.go). Another language is another table (its
// marks, reporting verbs, pronouns, honorifics and stop words), with the
// same algorithm.
type Language struct {
	// Code is the language's BCP 47 code ("en").
	Code string
	// marks are the quotation marks, outermost first.
	marks []markPair
	// apostrophes says that two apostrophes in a row may stand for a
	// straight double quote.
	apostrophes bool
	// verbs are reporting verbs, lower case ("said", "told", "warned").
	verbs set
	// sayVerbs always report the speech next to them ("said", "told"), so
	// that a cue after the quote does not outweigh them; otherSense verbs
	// also have senses other than speech ("continued", "added").
	sayVerbs, otherSense set
	// phrases are multi-word cues whose speaker follows them ("according
	// to"), lower case, space separated.
	phrases []string
	// pronouns that can be a speaker, with their gender.
	pronouns map[string]Gender
	// honorifics precede a name and give its gender ("Mr", "Mrs", "Dr").
	honorifics map[string]Gender
	// titles precede a name ("President", "Minister", "Secretary").
	titles set
	// roles are nouns that name a speaker without a name ("official",
	// "spokesman"), with their gender.
	roles map[string]Gender
	// firstNames gives the gender of common first names.
	firstNames map[string]Gender
	// determiners and modifiers may open or sit inside a speaker phrase
	// ("a", "the", "senior", "former").
	modifiers set
	// skips are adverbs and auxiliaries between a speaker and the verb
	// ("also", "later", "has").
	skips set
	// leads are sentence openers that are not part of a speaker ("But",
	// "Yesterday").
	leads set
	// orgWords mark an organisation ("Corp", "Bank", "Ministry").
	orgWords set
	// abbreviations end with a full stop that does not end a sentence.
	abbreviations set
	// places are countries and cities that speak for their governments
	// ("China said") and are never a "he" or a "she".
	places set
	// canon maps the language's pronouns to the English forms pronoun
	// resolution reasons with ("er" → "he"); nil for English.
	canon map[string]string
	// stops are lower-case words that end a speaker phrase, beside the
	// English ones every language shares ("nach" in "sagte Scholz nach
	// dem Treffen", where German capitalises "Treffen").
	stops set
	// aux are auxiliaries that may stand between a quote and the verb of
	// an inverted cue after it (French « … », a déclaré X; Spanish "…", ha
	// dicho X).
	aux set
	// proDrop says that a reporting verb needs no subject: its ending
	// names the person ("“…”, dijo."; "Dijo que …"), who is then found
	// as a pronoun's antecedent is (Spanish).
	proDrop bool
	// inversions are the pronouns a verb may carry after a hyphen,
	// subject inverted after a quote ("-t-il" in "« … », explique-t-il"),
	// longest first, each with the pronoun it is.
	inversions [][2]string
	// subjectAfter says that a subject may follow its verb before a quote
	// as well as after one ("Como dijo Mandela: “…”", "Как сказал Путин:
	// «…»").
	subjectAfter bool
	// asWords open a clause that reports the sentence's speech with the
	// verb last ("…, wie Professor Berzofsky erläuterte."; German).
	asWords set
	// verbSecond says that the finite verb is the second part of a
	// sentence, so that a phrase of time or place before it puts the
	// subject after it ("Am Freitag sagte Wade, …"; German).
	verbSecond bool
	// reflexives may stand between a verb and its inverted subject
	// ("„…“, erinnert sich Schroeder").
	reflexives set
	// adjuncts are prepositions that open a phrase of time or place
	// between a verb after a quote and its subject («…», — заявил в
	// субботу журналистам начальник полиции Мерфи Дж. Пол; Russian).
	adjuncts set
}

// inverted splits a verb with an inverted pronoun ("explique-t-il") into
// the verb and the pronoun.
func (l *Language) inverted(w string) (verb, pron string, ok bool) {
	for _, in := range l.inversions {
		if v, found := strings.CutSuffix(w, in[0]); found && v != "" {
			return v, in[1], true
		}
	}
	return "", "", false
}

// pronoun returns the English form of pronoun w ("er" → "he"), or w.
func (l *Language) pronoun(w string) string {
	if c, ok := l.canon[w]; ok {
		return c
	}
	return w
}

type set map[string]bool

func newSet(words string) set {
	s := set{}
	for _, w := range strings.Fields(words) {
		s[w] = true
	}
	return s
}

func genders(m, f, u string) map[string]Gender {
	g := map[string]Gender{}
	for _, w := range strings.Fields(u) {
		g[w] = Unknown
	}
	for _, w := range strings.Fields(m) {
		g[w] = Male
	}
	for _, w := range strings.Fields(f) {
		g[w] = Female
	}
	return g
}

// English is the table for English news text.
var English = &Language{
	Code: "en",
	marks: []markPair{
		{'"', '"'}, {'“', '”'}, {'«', '»'}, {'‹', '›'}, {'„', '“'}, {'„', '”'},
	},
	apostrophes: true,
	verbs: newSet(`said says say saying told tells telling added adds adding stated states
		noted notes noting warned warns warning declared declares explained explains commented
		comments remarked insisted insists argued argues claimed claims asked asks replied replies
		answered continued concluded admitted admits acknowledged conceded confirmed confirms
		announced announces predicted predicts suggested suggests urged urges stressed stresses
		emphasised emphasized observed wrote writes recalled complained agreed maintained
		reiterated described describes called calls cautioned affirmed contended countered joked
		vowed pledged promised boasted estimated believes believed thinks reckoned quipped
		reported testified responded accused tweeted tweets tweeting posted recommended recommends
		pressed retorted exclaimed shouted yelled chanted texted emailed whispered screamed
		demanded demands pleaded begged lamented laments mused advised advises bragged griped
		grumbled snapped sighed interjected chimed mocked mocks scoffed sniped fumed gushed
		marveled marvelled`),
	sayVerbs: newSet(`said says say saying told tells telling`),
	otherSense: newSet(`continued continues added adds adding noted notes noting called calls
		maintained concluded answered recalled described describes observed stated states reported
		estimated declared explained commented remarked`),
	phrases: []string{"according to"},
	pronouns: map[string]Gender{
		"he": Male, "she": Female, "it": Neuter, "they": Neuter, "we": Neuter, "i": Unknown,
		"him": Male, "her": Female, "them": Neuter,
	},
	honorifics: genders(`mr mr. sir lord monsieur m. herr senor señor don`,
		`mrs mrs. ms ms. miss lady dame madame mme mme. mlle frau senora señora baroness`,
		`dr dr. prof prof. professor`),
	titles: newSet(`president minister secretary chairman chairwoman chancellor premier governor
		senator sen sen. rep rep. representative congressman congresswoman judge justice king queen
		prince princess pope general gen gen. colonel col col. captain capt capt. commander admiral
		ambassador mayor sheikh emir director commissioner undersecretary treasurer coach manager
		chief executive spokesman spokeswoman chair leader deputy vice attorney inspector sergeant
		officer economist analyst striker midfielder defender goalkeeper boss chief's president's
		star singer actor actress player director
		mp archbishop bishop cardinal father rev rev. reverend vice-chairman vice-president
		vice-chair co-chairman co-chair co-founder founder editor-in-chief chief-executive
		director-general secretary-general under-secretary`),
	roles: genders(`spokesman chairman businessman king prince father son husband boy actor
		brother man sportsman salesman congressman councillor`,
		`spokeswoman chairwoman businesswoman queen princess mother daughter wife girl actress
		sister woman sportswoman saleswoman congresswoman`,
		`official officials source sources dealer dealers trader traders analyst analysts economist
		economists banker bankers spokesperson executive executives director directors president
		minister ministers secretary chairperson diplomat diplomats expert experts observer observers
		delegate delegates negotiator negotiators manager managers chief head leader leaders
		statement report document paper newspaper editorial agency ministry government company
		firm group bank union commission committee officer officers aide aides adviser advisers
		advisor spokespeople insider insiders lawyer lawyers attorney judge member members chairperson
		governor senator lawmaker lawmakers legislator official's economist's analyst's strategist
		strategists researcher researchers scientist scientists professor teacher doctor police
		prosecutor prosecutors coach manager player players captain boss fan fans voter voters
		resident residents witness witnesses worker workers survey study letter release communique
		consultant consultants producer producers director-general chief-executive
		participant participants star singer winner holder champion spokesmen official`),
	firstNames: genders(englishMale, englishFemale, ""),
	modifiers: newSet(`a an the one another two three several some many other its their his her
		our this that these those senior top former chief deputy acting leading junior local
		foreign independent private key major managing general vice joint assistant`),
	skips: newSet(`also later earlier then further once recently previously subsequently simply
		has have had was is were are would will could did does do had been yesterday today
		tonight repeatedly again still already first last finally however meanwhile often
		frequently usually sometimes even just quickly privately publicly flatly bluntly angrily
		calmly quietly loudly firmly proudly openly bitterly sharply strongly candidly jokingly`),
	leads: newSet(`but and yet so however meanwhile yesterday today earlier later also still now
		then in on at after before while when as although though if because since separately
		speaking writing asked`),
	orgWords: newSet(`corp corp. inc inc. co co. ltd ltd. plc group bank ministry department
		commission agency council party union federation fund committee board government
		association company corporation institute exchange office authority organisation
		organization trust bureau reserve service services airlines airways motors industries
		holdings partners securities times post journal news press radio television tv club
		university college school`),
	abbreviations: newSet(`mr mrs ms dr st sr jr prof gen sen rep gov lt col capt maj sgt rev
		inc corp co ltd bros no vs etc jan feb mar apr jun jul aug sep sept oct nov dec mt ft
		u.s u.k u.n e.g i.e a.m p.m m mme`),
	places: newSet(`afghanistan albania algeria angola argentina australia austria bahrain bangladesh
		belgium bolivia brazil britain bulgaria burma canada chile china colombia cuba cyprus
		czechoslovakia denmark ecuador egypt england ethiopia europe finland france gabon germany
		ghana greece holland hungary india indonesia iran iraq ireland israel italy jamaica japan
		jordan kenya korea kuwait lebanon libya luxembourg malaysia mexico morocco netherlands
		nicaragua nigeria norway oman pakistan panama peru philippines poland portugal qatar
		romania russia scotland singapore spain sudan sweden switzerland syria taiwan tanzania
		thailand tunisia turkey uganda ukraine uruguay venezuela vietnam wales yugoslavia zaire
		zambia zimbabwe america u.s u.k u.s.a usa uk soviet ussr arabia emirates zealand africa
		washington london tokyo paris bonn peking beijing moscow brussels geneva ottawa canberra
		ankara tehran baghdad cairo jakarta manila seoul delhi bombay hong kong new york chicago
		frankfurt zurich madrid rome athens lisbon vienna stockholm oslo copenhagen helsinki
		kremlin whitehall westminster congress parliament wall street downing opec ec eu nato
		gatt imf un fed treasury
		alabama alaska arizona arkansas california colorado connecticut delaware florida
		hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
		massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire
		jersey mexico carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah
		vermont wisconsin wyoming los angeles boston philadelphia miami atlanta houston dallas
		detroit seattle cleveland baltimore denver phoenix manhattan brooklyn iowa pentagon
		capitol`),
}

// The first names below are common given names of people in English-language
// news, each with the gender it is usually given. A name missing here is
// simply of unknown gender.
const englishMale = `aaron abdul adam adrian ahmed alan alastair albert alberto alex alexander alfred ali
	alistair allan andre andrew andy angus anthony antonio archie arnold arthur barry ben benjamin
	bernard bill billy bob bobby boris brian bruce bryan carl carlos charles charlie chris
	christian christopher clive colin craig dan daniel danny darren dave david dean dennis derek
	des dick dmitry don donald doug douglas duncan ed eddie edward eric ernest frank franz fred
	frederick gareth gary gavin geoff geoffrey george gerald gerhard gordon graham greg gregory
	guy hans harold harry hector helmut henry herbert hisham howard hugh iain ian ivan jack jacques
	jaime james jamie jason jeff jeffrey jeremy jerry jim jimmy joe johann john johnny jon
	jonathan jorge jose joseph juan julian karl keith ken kenneth kevin klaus lance larry lee
	leo leon leonard lewis lionel louis luis malcolm marc marcus mark martin matt matthew maurice
	max michael mick mike mikhail mohamed mohammad mohammed muhammad neil nicholas nick nigel
	norman oliver otto owen pat patrick paul pedro peter phil philip philippe pierre ralph ray
	raymond richard rick rob robert robin roger ron ronald ross roy russell ryan sam samuel scott
	sean sebastian sergei simon stan stanley stephen steve steven stuart ted terry thomas tim
	timothy toby todd tom tommy tony trevor victor vincent walter warren wayne william willie
	yasser yuri zaki ahmad hosni helmut yitzhak shimon mikhail boris jacques francois francois
	giulio bettino ruud wilfried kiichi yasuhiro noboru satoshi takeshi ryutaro gerhard karl-otto
	jose-maria felipe raul alan arsene jose sven-goran sven steven gareth jonny jose rafael
	roman rio thierry wayne gordon michael jamie kofi silvio vladimir gerard jacob
	dominik laszlo guven yannis vassilli kostas ephraim
	abraham adolfo alain alejandro alfonso alvin ambrose amos andres angelo anton antoine ari
	armando arturo asa barack barney bart basil beau benito bernie bert bjorn brad
	bradley brandon brendan brent brett britt bronson bryce buck buddy byron caleb calvin
	cecil cesar chad chadwick chaim chester chuck clarence clark claude clayton cliff
	clifford clint cody conor conrad corey cory curtis cyrus dale damian damon
	darrell darryl denis denny desmond devin dewey dirk dom domenico donnie dorian
	duane dustin dwayne dwight earl edgar edmund eduardo edwin eli elias elijah elliot elliott
	elmer elton emanuel emil emilio emmanuel enrique erik ernesto ethan eugene evan ezra fabian
	federico felix fernando fidel floyd forrest francis francisco franco frankie franklin fritz
	gabriel garrett gene gerry gil gilbert giorgio giovanni glen glenn gonzalo grady greg
	gus gustavo hal hank harlan harvey heinz herb herman hillel horace hubert hugo humberto
	ike ira irving isaac isaiah ismael jacob jake jared jarrett javier jay jeb jed jeremiah
	jerome jesse jesus jock joel joey johan jonah jorge joshua julio justin kareem keenan
	kirk kurt kyle lamar lars lawrence lenny leroy les lester lloyd lonnie lou
	lowell luca lucas luke luther lyndon manuel marco marcel mario marty marvin
	mateo mathew maxwell mel melvin micah miguel miles milton mitch mitchell mitt moe monte
	moses murray nate nathan nathaniel ned newt nicolas noah noel norbert omar orrin
	oscar ozzie pablo paolo pascal percy perry pete preston quentin rafael ralf ramon rand randall
	randy reggie reginald reince reuben rex reynaldo ricardo ricky rocco rod rodney rodrigo
	roland rolf romeo ron rory rudolph rudy rupert russ rusty salvador sammy saul scot
	sergio seth shane shaun shawn sheldon sherman sid sidney silas sonny stefan
	steve stewart sylvester tad terrence thad theo theodore tito trey troy tyrone
	ulysses vern vernon vic vince virgil wallace walt wendell wes wesley wilbur wiley
	wilfred willard winston wolfgang woodrow xavier yusuf zach zachary zeke`

const englishFemale = `alice alison amanda amy andrea angela ann anna anne annie barbara beatrice
	betty beverley brenda bridget carol caroline catherine charlotte cheryl christine clare claire
	deborah debbie denise diana diane dorothy edith elizabeth ellen emily emma erica eva evelyn
	fiona frances gail gillian gloria hazel heather helen helena hilary ingrid irene isabel jackie
	jacqueline jane janet janice jennifer jenny jessica jill joan joanna josephine joy judith
	judy julia julie karen kate katherine kathleen kathy kay kelly kirsty laura lesley linda
	lisa liz lorraine louise lucy lynn lynne madeleine margaret maria marie marion martha mary
	maureen melanie michelle nancy natalie nicola nicole olga pamela patricia paula pauline penny
	rachel rebecca rita rosemary ruth sally samantha sandra sarah sharon sheila shirley sophie
	stephanie sue susan suzanne tessa theresa tina tracey valerie vanessa victoria wendy yvonne
	zoe benazir corazon indira imelda golda condoleezza hillary cherie tessa patricia estelle
	ruth margaret tanni paula kelly serena venus maria justine amelie lindsay davina
	patti jacqui daniela gail solita rosemary kathleen giselle
	abby abigail adele adriana agnes aileen aisha alana alexandra alexis alicia alisha alma
	alyssa amelia ana anastasia andrea angelica angelina anita annabel annette antoinette
	ariana arlene ashley audrey ava barb becky belinda bella bernadette bertha beth bethany
	betsy bianca bonnie brandi brandy brianna brigitte brittany brooke camila candace candice
	cara carla carly carmen caroline carrie cassandra cecilia celeste celia chantal
	charlene chelsea cheryl chloe christa christie christina cindy claudia colleen connie
	constance cora courtney cynthia danielle daphne darlene debra delia
	della delores diane dianne dolores dominique donna dora doreen doris edna eileen elaine
	eleanor elena elise eliza ella ellie eloise elsa elsie emilia erin esther ethel eugenia
	eunice fatima felicia flora florence francesca francine gabriela gabrielle genevieve
	geraldine gina giselle gladys greta gretchen gwen gwendolyn hailey hannah
	harriet heidi henrietta hilda ida imani inez irma isabella ivana ivanka jacquelyn
	jade jana jasmine jean jeanette jeanne jeannie jenna jeri jo joanne jocelyn jodi jody johanna
	jolene joni joyce juanita julianne juliet justine kaitlyn kamala kara karin karla
	kathryn katie katrina kayla kellyanne kendra kimberly kirsten krista kristen kristin
	kristina lacey lana lara latoya laurie lauren laverne leah leila lena leona leslie lillian
	lily lina lisa lois loretta lori lorna lucia lucille luisa lydia mabel mackenzie madeline
	madison mae maggie mallory mandy marcia margaret margarita margo mariah marianne marilyn
	marina marisa marjorie marla marlene marsha maxine maya megan megyn melania melinda melissa
	melody mercedes meredith mia michele mildred mindy miranda miriam molly monica monique
	muriel myra nadia naomi natasha nellie nina nora norma olivia paige pam patsy
	peggy phyllis polly priscilla queenie rachael ramona raquel regina renee rhonda roberta robyn
	rochelle rosa rosalind rosalyn rosie roxanne sabrina sadie sara selena shannon
	shauna shelby shelley sheryl sherry silvia simone sonia sonya stacey stacy stella susana
	suzanne sybil sylvia tamara tammy tanya tara teresa terri thelma theresa tiffany tonya
	tricia trudy ursula vera veronica vicki vickie viola vivian wanda whitney
	willa yolanda yvette`
