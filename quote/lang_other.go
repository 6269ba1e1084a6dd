package quote

// The tables of languages other than English: their quotation marks,
// reporting verbs, pronouns, honorifics and the words around a speaker,
// for the same algorithm as English. They are smaller than English's (no
// first names, fewer titles and roles): a name is then read as a speaker
// from its place next to a reporting verb and its capital letters alone.

// German is the table for German news text: „…“ and »…« quotes, verbs
// before or after the speaker („…“, sagte Merkel; Merkel sagte: „…“).
var German = &Language{
	Code: "de",
	marks: []markPair{
		{'„', '“'}, {'„', '”'}, {'»', '«'}, {'«', '»'}, {'"', '"'}, {'“', '”'}, {'‚', '‘'}, {'›', '‹'},
	},
	verbs: newSet(`sagte sagten sagt sagen erklärte erklärten erklärt betonte betonten betont
		meinte meinten meint fügte fügt warnte warnten warnt kritisierte kritisiert forderte
		fordert räumte räumt versicherte versichert kündigte kündigt berichtete berichtet
		schrieb schreibt teilte teilt bekräftigte bekräftigt unterstrich unterstreicht antwortete
		antwortet erläuterte erläutert sprach spricht ergänzte ergänzt mahnte mahnt bestätigte
		bestätigt zitiert zitierte so fragte fragt fragten twitterte twittert twitterten
		erzählte erzählt erzählten behauptete behauptet behaupteten argumentierte argumentiert
		gelobte gelobt versprach verspricht bemerkte bemerkt beschrieb beschreibt bezeichnete
		bezeichnet bezeichneten nannte nennt nannten äußerte äußert kommentierte kommentiert
		erinnerte erinnert verkündete verkündet beklagte beklagt klagte klagt widersprach
		widerspricht wiederholte wiederholt gestand gesteht fuhr rief ruft`),
	sayVerbs:   newSet(`sagte sagten sagt sagen so`),
	reflexives: newSet(`sich`),
	verbSecond: true,
	asWords:    newSet(`wie`),
	otherSense: newSet(`fügte fügt teilte teilt sprach spricht nannte nennt nannten bezeichnete
		bezeichnet bezeichneten beschrieb beschreibt erinnerte erinnert fuhr rief ruft klagte klagt`),
	phrases: []string{"nach angaben von", "laut"},
	pronouns: map[string]Gender{
		"er": Male, "sie": Unknown, "es": Neuter, "wir": Neuter, "ich": Unknown, "ihn": Male, "ihm": Male, "ihr": Female,
	},
	canon: map[string]string{"er": "he", "ihn": "him", "ihm": "him", "sie": "she", "ihr": "her", "es": "it", "wir": "we", "ich": "i"},
	stops: newSet(`nach vor bei mit auf aus von zu für gegen über unter seit während laut im am zum zur
		an dass weil wenn als ob bezüglich hinsichtlich angesichts aufgrund wegen trotz infolge
		seitens gegenüber durch ohne um`),
	honorifics: genders(`herr herrn`, `frau`, `dr dr. prof prof. professor`),
	titles: newSet(`präsident präsidentin minister ministerin kanzler kanzlerin bundeskanzler
		bundeskanzlerin chef chefin sprecher sprecherin vorsitzende vorsitzender bürgermeister
		bürgermeisterin trainer direktor direktorin staatssekretär`),
	roles: genders(`sprecher vorsitzender minister präsident kanzler`,
		`sprecherin vorsitzende ministerin präsidentin kanzlerin`,
		`regierung ministerium behörde polizei unternehmen experte experten beobachter bericht
		studie gericht partei verband`),
	modifiers: newSet(`der die das den dem des ein eine einer einem eines ehemalige ehemaliger
		frühere früherer stellvertretende stellvertretender`),
	skips: newSet(`auch später zuvor dann noch bereits schon am heute gestern weiter zudem ebenfalls
		außerdem dazu hat habe hatte haben`),
	leads: newSet(`aber und doch so jedoch gestern heute auch dann nun als wenn weil`),
	orgWords: newSet(`ag gmbh bank ministerium partei verband regierung bundesregierung
		bundesbank kommission rat amt institut gericht polizei`),
	abbreviations: newSet(`dr prof nr bzw ca usw vgl z.b d.h u.a`),
}

// French is the table for French news text: « … » quotes, the verb after
// the quote, often with its subject inverted (« … », a déclaré le
// ministre; « … », a-t-il dit), or before it (Le ministre a déclaré : « … »).
var French = &Language{
	Code: "fr",
	marks: []markPair{
		{'«', '»'}, {'“', '”'}, {'"', '"'}, {'‹', '›'},
	},
	verbs: newSet(`dit déclaré déclare affirmé affirme expliqué explique souligné souligne estimé
		estime ajouté ajoute indiqué indique précisé précise assuré assure averti avertit
		annoncé annonce confié confie insisté insiste répondu répond écrit écrivait lancé lance
		martelé martèle rappelé rappelle reconnu reconnaît dénoncé dénonce jugé juge
		déclarait disait affirmait expliquait estimait ajoutait indiquait précisait
		déclara affirma expliqua souligna estima ajouta indiqua précisa assura avertit annonça
		confia insista répondit lança martela rappela reconnut dénonça jugea regretta regrette
		regretté critiqua critiqué demanda demandé interrogea commenta commente commenté tweeta
		tweete tweeté poursuivit poursuivi continua continué réagit réagi soutint soutient
		soutenu raconta raconte raconté confirma confirme confirmé promit promet promis prévint
		prévient prévenu admit admet admis protesta protesté plaida plaidé témoigna témoigne
		témoigné résuma résumé qualifia qualifie qualifié`),
	sayVerbs: newSet(`dit déclaré déclare affirmé affirme disait déclarait affirmait déclara affirma`),
	otherSense: newSet(`ajouté ajoute ajoutait lancé lance rappelé rappelle jugé juge ajouta lança
		rappela jugea poursuivit poursuivi continua continué soutint soutient soutenu admit admet
		admis qualifia qualifie qualifié résuma résumé promit promet promis`),
	phrases: []string{"selon", "d'après"},
	pronouns: map[string]Gender{
		"il": Male, "elle": Female, "ils": Neuter, "elles": Neuter, "on": Unknown, "nous": Neuter, "je": Unknown,
		"t-il": Male, "t-elle": Female, "a-t-il": Male, "a-t-elle": Female,
	},
	canon:        map[string]string{"il": "he", "elle": "she", "ils": "they", "elles": "they", "t-il": "he", "t-elle": "she", "a-t-il": "he", "a-t-elle": "she", "nous": "we", "je": "i"},
	stops:        newSet(`à après avant devant lors pendant dans sur sous avec pour contre selon que qui`),
	aux:          newSet(`a ont avait avaient`),
	subjectAfter: true,
	inversions: [][2]string{{"-t-elle", "elle"}, {"-t-il", "il"}, {"-elles", "elles"}, {"-elle", "elle"},
		{"-ils", "ils"}, {"-il", "il"}},
	honorifics: genders(`m. monsieur`, `mme mme. madame mlle mademoiselle`, `dr dr. pr pr. professeur`),
	titles: newSet(`président présidente ministre premier chef porte-parole directeur directrice
		maire secrétaire général générale entraîneur`),
	roles: genders(`président directeur ministre`,
		`présidente directrice`,
		`gouvernement ministère police entreprise expert experts porte-parole rapport étude
		tribunal parti syndicat`),
	modifiers: newSet(`le la les l' un une des du de ancien ancienne ex`),
	skips: newSet(`a ont avait avaient aussi encore déjà ensuite puis alors également hier
		aujourd'hui lundi mardi mercredi jeudi vendredi samedi dimanche`),
	leads: newSet(`mais et donc or cependant hier aujourd'hui puis alors si quand comme`),
	orgWords: newSet(`sa banque ministère parti gouvernement commission conseil institut
		tribunal police union syndicat agence`),
	abbreviations: newSet(`m mme mlle dr pr etc av apr`),
}

// Spanish is the table for Spanish news text: « … » and "…" quotes, the
// verb after the quote with the subject after it ("…", dijo el ministro)
// or before the quote (El ministro afirmó: "…").
var Spanish = &Language{
	Code: "es",
	marks: []markPair{
		{'«', '»'}, {'“', '”'}, {'"', '"'}, {'‹', '›'},
	},
	verbs: newSet(`dijo dice dijeron decía afirmó afirma afirmaron declaró declara declararon
		explicó explica señaló señala aseguró asegura añadió añade indicó indica advirtió advierte
		destacó destaca subrayó subraya sostuvo sostiene manifestó manifiesta agregó agrega
		precisó precisa reconoció reconoce respondió responde escribió escribe insistió insiste
		apuntó apunta comentó comenta anunció anuncia comentaron prometió promete continuó
		continúa tuiteó tuitea alegó alega describió describe reiteró reitera admitió admite
		recordó relató relata expresó aclaró aclara enfatizó enfatiza puntualizó mencionó
		sentenció concluyó calificó califica denunció criticó critica lamentó lamenta confirmó
		confirma insistieron explicaron señalaron aseguraron añadieron advirtió`),
	sayVerbs: newSet(`dijo dice dijeron decía`),
	otherSense: newSet(`añadió añade agregó agrega señaló señala apuntó apunta continuó continúa
		describió describe recordó calificó califica expresó mencionó concluyó admitió admite`),
	phrases: []string{"según", "de acuerdo con"},
	pronouns: map[string]Gender{
		"él": Male, "ella": Female, "ellos": Neuter, "ellas": Neuter, "nosotros": Neuter, "yo": Unknown,
	},
	canon:        map[string]string{"él": "he", "ella": "she", "ellos": "they", "ellas": "they", "nosotros": "we", "yo": "i"},
	stops:        newSet(`a tras ante durante en con para contra sobre según que quien`),
	aux:          newSet(`ha han había habían nos me le les se`),
	subjectAfter: true,
	proDrop:      true,
	honorifics:   genders(`sr sr. señor don`, `sra sra. señora doña srta srta.`, `dr dr. dra dra. profesor profesora`),
	titles: newSet(`presidente presidenta ministro ministra jefe jefa portavoz director directora
		alcalde alcaldesa secretario secretaria gobernador gobernadora entrenador`),
	roles: genders(`presidente ministro director alcalde portavoz`,
		`presidenta ministra directora alcaldesa`,
		`gobierno ministerio policía empresa experto expertos informe estudio tribunal partido
		sindicato`),
	modifiers: newSet(`el la los las un una unos unas del al ex antiguo antigua`),
	skips:     newSet(`ha han había habían también luego después ya ayer hoy además entonces`),
	leads:     newSet(`pero y sin embargo ayer hoy luego entonces si cuando como aunque`),
	orgWords: newSet(`sa banco ministerio partido gobierno comisión consejo instituto tribunal
		policía sindicato agencia`),
	abbreviations: newSet(`sr sra srta dr dra etc`),
}

// Russian is the table for Russian news text: «…» and „…“ quotes, the
// verb after the quote and a dash, with its subject after it («…», —
// сказал Путин) or before the quote (Путин сказал: «…»).
var Russian = &Language{
	Code: "ru",
	marks: []markPair{
		{'«', '»'}, {'„', '“'}, {'“', '”'}, {'"', '"'},
	},
	verbs: newSet(`сказал сказала сказали говорит говорят говорил говорила заявил заявила
		заявили отметил отметила отметили подчеркнул подчеркнула пояснил пояснила сообщил
		сообщила сообщили добавил добавила признал признала ответил ответила написал написала
		предупредил предупредила уточнил уточнила считает заверил заверила рассказал рассказала
		сообщает сообщают заявляет заявляют отмечает отмечают подчеркивает подчёркивает поясняет
		добавляет признает признаёт отвечает пишет предупреждает уточняет рассказывает
		рассказывают утверждает утверждают утверждал утверждала объясняет объяснил объяснила
		продолжает продолжил продолжила прокомментировал прокомментировала комментирует полагает
		заметил заметила замечает напомнил напомнила напоминает спросил спросила спрашивает
		пообещал пообещала обещает возразил возразила признался призналась подытожил
		процитировал цитирует вспоминает вспоминал вспоминала пошутил пошутила настаивает
		настаивал настаивала признавался признавалась`),
	sayVerbs: newSet(`сказал сказала сказали говорит говорят говорил говорила заявил заявила заявили`),
	otherSense: newSet(`добавил добавила считает рассказал рассказала продолжает продолжил
		продолжила полагает заметил заметила замечает напомнил напомнила напоминает пишет
		признает признаёт признался призналась обещает пообещал пообещала`),
	phrases:      []string{"по словам", "как сообщил", "как заявил", "по мнению", "по заявлению", "как сказал", "как отметил", "как пишет"},
	subjectAfter: true,
	pronouns: map[string]Gender{
		"он": Male, "она": Female, "они": Neuter, "мы": Neuter, "я": Unknown,
	},
	canon:      map[string]string{"он": "he", "его": "him", "ему": "him", "она": "she", "её": "her", "ее": "her", "ей": "her", "они": "they", "мы": "we", "я": "i"},
	stops:      newSet(`после перед во время в на с для против по что который которая журналистам`),
	honorifics: genders(`г-н г-на г-ну г-ном господин господина`, `г-жа г-жи г-же г-жой госпожа госпожи`, `профессор профессора доктор`),
	titles: newSet(`президент премьер министр глава председатель спикер директор мэр губернатор
		посол генсек представитель пресс-секретарь тренер`),
	roles: genders(`министр президент директор`, ``,
		`правительство министерство полиция компания эксперт эксперты источник источники
		доклад суд партия`),
	modifiers: newSet(`бывший бывшая официальный официальная`),
	skips:     newSet(`также уже затем потом ранее позже вчера сегодня еще ещё журналистам репортерам корреспондентам`),
	adjuncts:  newSet(`в во на после перед`),
	leads:     newSet(`но и а однако вчера сегодня затем потом если когда`),
	orgWords: newSet(`банк министерство партия правительство комиссия совет институт суд полиция
		агентство`),
	abbreviations: newSet(`г т.е т.д др`),
}

// Chinese and Japanese are tables of quotation marks alone: 「…」 and
// 『…』, and the curly quotes Chinese also uses. Their quotes are found and
// compared with the sources' (altered, cut, unsourced); their speakers are
// not read, since a reporting verb there is a run of characters, not a
// word.
var (
	Chinese = &Language{
		Code:  "zh",
		marks: []markPair{{'「', '」'}, {'『', '』'}, {'“', '”'}, {'《', '》'}},
	}
	Japanese = &Language{
		Code:  "ja",
		marks: []markPair{{'「', '」'}, {'『', '』'}, {'“', '”'}},
	}
)
