#!/usr/bin/env python3
# Writes the HTML extraction test corpus: hand-written articles in seven
# languages, each wrapped in one of eight hand-written page layouts with
# their boilerplate, plus a JSON sidecar of what extraction must find.
# Run: python3 generate.py . (from this directory, ingest/htmlcorpus; the
# pages are embedded in package ingest, see htmleval.go)
# Hand-written article texts for the HTML extraction corpus.
A = []
def art(**k): A.append(k)

art(slug="en-flood", lang="en", site="The Valley Courier", host="valleycourier.example", author="Jane Whitfield",
    date="2024-03-05T08:30:00Z", title="Flood waters force hundreds from homes in Millbrook",
    paras=[
     "Residents of Millbrook were told to leave their homes on Tuesday as the river rose more than two metres above its usual level. Emergency crews went door to door in the lower town before dawn.",
     "The mayor said firefighters had rescued twelve people from cars stranded on the valley road. \"We have never seen the water come up this fast,\" she told reporters outside the town hall.",
     "All four schools in the district will stay closed until Friday, the education office said in a statement. Parents were asked to keep children away from the riverbanks.",
     "Forecasters expect another band of heavy rain to cross the region on Thursday night. The national weather service has issued an amber warning for the whole county."])
art(slug="en-rates", lang="en", site="Harbour Business Daily", host="harbourbiz.example", author="Tom Okafor",
    date="2024-06-12T14:05:00+01:00", title="Central bank holds rates but signals cut in autumn",
    paras=[
     "The central bank kept its main interest rate at 5.25 percent on Wednesday for the seventh meeting in a row. Policymakers voted six to three to leave borrowing costs unchanged.",
     "Governor Lydia Marsh said inflation was falling more slowly than the bank had hoped in the spring. She added that a cut before the end of the year remained likely if wage growth cooled.",
     "Sterling fell half a cent against the dollar after the announcement. Traders had priced in only a small chance of a move this month.",
     "Economists at two large lenders said they now expect the first reduction in November. Mortgage rates have already begun to edge lower as banks compete for customers."])
art(slug="en-transit", lang="en", site="Metro Ledger", host="metroledger.example", author="Priya Raman",
    date=None, title="City council approves night bus network after long debate",
    paras=[
     "The city council voted on Monday to create a network of twelve night bus routes, ending a debate that had lasted almost two years. The first buses will run in September.",
     "Supporters said the service would help hospital staff, cleaners and bar workers who finish their shifts after midnight. Several council members said the old last train was simply too early.",
     "Opponents argued that the cost of eleven million a year should have gone to road repairs instead. One councillor called the plan a luxury the city could not afford.",
     "The transport authority said fares would be the same as during the day. Passengers will be able to pay with a bank card on every route."])
art(slug="en-football", lang="en", site="Northern Sports Wire", host="northernsports.example", author="Callum Reid",
    date="2024-05-19T21:45:00Z", title="Late header sends Ashford into the final",
    paras=[
     "Ashford Town reached the cup final for the first time in forty years after a header in the ninety-third minute beat Kingsbridge two goals to one. The winner came from a corner that should never have been given.",
     "Kingsbridge had led for most of the second half through a penalty from their captain. Their manager said afterwards that his players were heartbroken but proud.",
     "Ashford's goalkeeper made three fine saves in the last ten minutes to keep his side in the match. The home crowd sang his name long after the final whistle.",
     "The final will be played at the national stadium on the first Saturday of June. Ashford have sold out their allocation of tickets in less than an hour."])
art(slug="en-science", lang="en", site="Open Science Report", host="openscience.example", author="Dr. Helen Cho",
    date="2023-11-02", title="Researchers find ancient forest beneath retreating glacier",
    paras=[
     "Scientists working on a retreating glacier in the northern mountains have found the stumps of a forest that grew there about seven thousand years ago. The trees were preserved under the ice in near perfect condition.",
     "The team used radiocarbon dating on samples from forty stumps to establish their age. The results show the valley was warmer and wetter than it is today for several centuries.",
     "Lead author Marta Lindqvist said the discovery offers a rare record of how forests responded to past climate shifts. Her colleagues plan to return next summer to collect pollen from the lake sediments nearby.",
     "The study was published on Thursday in a peer-reviewed journal of earth sciences. It was funded by a national research council and two universities."])
art(slug="en-health", lang="en", site="Community Health News", host="chn.example", author="Samuel Ortiz",
    date="2024-01-22T09:00:00-05:00", title="Clinic waiting times fall after weekend opening trial",
    paras=[
     "Waiting times at the county's walk-in clinics fell by a third during a six-month trial of weekend opening, according to figures released on Monday. Patients waited an average of forty minutes, down from an hour.",
     "The health board said the trial had also reduced the number of minor cases arriving at the emergency department. Nurses working the weekend shifts were paid an extra allowance.",
     "Union representatives welcomed the results but warned that staff could not be stretched further without new hires. The board has promised to recruit thirty additional nurses this year.",
     "A decision on whether to make weekend opening permanent is expected in March. Local residents can comment on the plan through a public consultation."])
art(slug="en-tech", lang="en", site="Circuit Review", host="circuitreview.example", author="Aisha Bello",
    date="2024-09-30T16:20:00Z", title="Chipmaker delays new factory as demand cools",
    paras=[
     "The chipmaker said on Monday it would delay the opening of its new factory by at least a year because demand for memory chips has cooled. Construction will continue at a slower pace.",
     "Chief executive Daniel Voss told analysts that customers were still working through large stocks bought during the shortage. He said prices had stopped falling in the last quarter.",
     "Shares in the company rose four percent in early trading, as investors welcomed lower spending plans. The factory was originally due to start production next autumn.",
     "Local officials said the delay would not affect the two thousand jobs promised when the plant was announced. Training programmes at the nearby college will go ahead as planned."])
art(slug="en-broken", lang="en", site="Riverside Gazette", host="riversidegazette.example", author="Mo Patel",
    date="2022-08-14T07:10:00Z", title="Heatwave brings record electricity demand",
    paras=[
     "Electricity demand reached a record on Sunday as temperatures climbed above forty degrees for the third day running. The grid operator asked households to avoid using washing machines in the afternoon.",
     "Two power stations that had been closed for maintenance were brought back online early. Officials said there was enough capacity to meet demand if consumers cut back at peak times.",
     "Hospitals reported a rise in patients suffering from heat exhaustion, most of them elderly. The city opened six cooling centres in libraries and community halls.",
     "Meteorologists said the heat should ease by the middle of the week as a cooler breeze arrives from the sea. Thunderstorms are possible in the hills on Wednesday."])
art(slug="en-nodate", lang="en", site="Lakeside Weekly", host="lakesideweekly.example", author=None,
    date=None, title="Volunteers restore historic lighthouse",
    paras=[
     "A group of volunteers has finished restoring the old lighthouse on the north shore after five years of weekend work. The tower was repainted in its original red and white bands.",
     "The lighthouse stopped guiding ships in the nineteen sixties and had been boarded up for decades. Its lamp room had been badly damaged by storms and vandals.",
     "The restoration cost about two hundred thousand, most of it raised through bake sales, concerts and small donations. A local carpenter donated the new wooden stairs.",
     "The lighthouse will open to visitors on summer weekends from next month. Guided tours will explain the lives of the keepers who once lived there."])
art(slug="en-legacy", lang="en", site="Prairie Telegraph", host="prairietelegraph.example", author="Ruth Anders",
    date="2009-04-17", title="Grain elevator to become arts centre",
    paras=[
     "The town's last grain elevator will be turned into an arts centre after the council agreed to buy it for a symbolic one dollar. The building has stood empty since the railway line closed.",
     "Architects plan to add studios on the lower floors and a gallery at the top with views across the plains. The conversion is expected to take two years.",
     "Farmers who once delivered their harvest to the elevator said they were glad it would not be torn down. Many of them signed a petition to save it last winter.",
     "The project will be paid for with grants from the province and a heritage foundation. Organisers hope to host their first exhibition in the spring of two thousand eleven."])
art(slug="de-bahn", lang="de", site="Rheinische Abendpost", host="rheinische-abendpost.example", author="Klaus Berger",
    date="2024-02-08T06:45:00+01:00", title="Bahnstreik legt den Fernverkehr lahm",
    paras=[
     "Der Streik der Lokführer hat am Donnerstag fast den gesamten Fernverkehr der Bahn zum Stillstand gebracht. Nur etwa jeder fünfte Zug fuhr nach einem Notfahrplan.",
     "Die Gewerkschaft fordert kürzere Arbeitszeiten bei vollem Lohnausgleich. Das Unternehmen nannte den Ausstand unverhältnismäßig und rief zu neuen Gesprächen auf.",
     "An den großen Bahnhöfen blieben die Bahnsteige weitgehend leer. Viele Pendler wichen auf das Auto oder auf Fernbusse aus, deren Plätze schnell ausgebucht waren.",
     "Der Streik soll bis Freitagabend dauern. Fahrgäste können ihre Tickets flexibel an einem anderen Tag nutzen oder sich den Preis erstatten lassen."])
art(slug="de-wald", lang="de", site="Schwarzwald Bote Online", host="sw-bote.example", author="Anna Hoffmann",
    date="2023-07-21T10:00:00+02:00", title="Borkenkäfer setzt den Fichtenwäldern zu",
    paras=[
     "Nach dem dritten trockenen Sommer in Folge breitet sich der Borkenkäfer in den Fichtenwäldern der Region weiter aus. Förster schätzen, dass bereits ein Viertel der Bestände geschädigt ist.",
     "Befallene Bäume müssen schnell gefällt und aus dem Wald gebracht werden, damit sich die Käfer nicht weiter vermehren. Die Sägewerke kommen mit der Verarbeitung kaum hinterher.",
     "Das Forstamt will die kahlen Flächen mit Mischwald aus Buchen, Eichen und Tannen wieder aufforsten. Diese Arten gelten als widerstandsfähiger gegen Hitze und Trockenheit.",
     "Waldbesitzer können für die Aufforstung Zuschüsse beim Land beantragen. Die Anträge müssen bis Ende Oktober eingereicht werden."])
art(slug="de-kultur", lang="de", site="Hanse Kurier", host="hansekurier.example", author="Jonas Petersen",
    date=None, title="Altes Kino wird zum Kulturzentrum",
    paras=[
     "Das seit Jahren leer stehende Kino am Marktplatz soll zu einem Kulturzentrum umgebaut werden. Der Stadtrat stimmte den Plänen am Dienstagabend mit großer Mehrheit zu.",
     "Geplant sind ein Saal für Konzerte und Lesungen, ein kleines Café und Räume für Musikschulen. Der alte Kinosaal mit seinen roten Sesseln soll dabei erhalten bleiben.",
     "Ein Verein von Anwohnern hatte sich lange für den Erhalt des Gebäudes eingesetzt. Seine Mitglieder sammelten mehr als dreitausend Unterschriften.",
     "Die Bauarbeiten sollen im Herbst beginnen und rund zwei Jahre dauern. Die Kosten werden auf acht Millionen Euro geschätzt."])
art(slug="de-wirtschaft", lang="de", site="Mittelstand Aktuell", host="mittelstand-aktuell.example", author="Petra Lang",
    date="2024-10-02T12:30:00Z", title="Maschinenbauer melden weniger Aufträge",
    paras=[
     "Die Maschinenbauer haben im August deutlich weniger neue Aufträge erhalten als ein Jahr zuvor. Der Branchenverband meldete ein Minus von zwölf Prozent.",
     "Besonders die Nachfrage aus dem Ausland ging zurück, vor allem aus Asien. Viele Kunden hielten sich wegen der unsicheren Konjunktur mit Investitionen zurück.",
     "Der Verband rechnet für das Gesamtjahr nun mit einem Rückgang der Produktion. Zu Jahresbeginn hatte er noch ein leichtes Wachstum erwartet.",
     "Einige Unternehmen haben bereits Kurzarbeit angemeldet. Die Gewerkschaft warnte vor einem Abbau von Arbeitsplätzen in der Region."])
art(slug="de-broken", lang="de", site="Alpenland Zeitung", host="alpenland-zeitung.example", author="Maria Gruber",
    date="2021-12-03", title="Lawinengefahr in den Bergen steigt",
    paras=[
     "Nach starken Schneefällen ist die Lawinengefahr in weiten Teilen der Alpen auf die zweithöchste Stufe gestiegen. Der Lawinenwarndienst rät dringend davon ab, die gesicherten Pisten zu verlassen.",
     "In manchen Tälern fiel innerhalb von zwei Tagen mehr als ein Meter Neuschnee. Mehrere Passstraßen mussten gesperrt werden.",
     "Die Bergrettung war am Wochenende bei drei Einsätzen gefordert. Alle Verschütteten konnten lebend geborgen werden.",
     "Für die kommenden Tage wird milderes Wetter erwartet. Die Experten warnen jedoch, dass die Schneedecke zunächst instabil bleibt."])
art(slug="fr-vendanges", lang="fr", site="Le Courrier du Vignoble", host="courrier-vignoble.example", author="Claire Martin",
    date="2023-09-14T08:00:00+02:00", title="Les vendanges commencent avec deux semaines d'avance",
    paras=[
     "Les vendanges ont commencé lundi dans la vallée, avec près de deux semaines d'avance sur le calendrier habituel. La chaleur de l'été a accéléré la maturation du raisin.",
     "Les viticulteurs se disent satisfaits de la qualité des grappes, mais les volumes devraient être inférieurs à ceux de l'an dernier. Plusieurs parcelles ont souffert de la grêle en juin.",
     "Les saisonniers sont arrivés en nombre, venus de toute la région et de l'étranger. Certains domaines ont toutefois eu du mal à recruter assez de cueilleurs.",
     "La coopérative prévoit de terminer la récolte d'ici la fin du mois. Les premiers vins nouveaux seront présentés lors de la fête du village en novembre."])
art(slug="fr-transport", lang="fr", site="Métropole Info", host="metropole-info.example", author="Julien Dubois",
    date="2024-04-03T17:30:00+02:00", title="Le tramway prolongé jusqu'à l'aéroport",
    paras=[
     "La nouvelle ligne de tramway reliant le centre-ville à l'aéroport a été inaugurée mercredi en présence du maire. Le trajet dure désormais vingt-cinq minutes.",
     "Les travaux ont duré trois ans et coûté environ quatre cents millions d'euros. Ils avaient été retardés par la découverte de vestiges archéologiques près de la gare.",
     "Les habitants des quartiers traversés espèrent que la ligne réduira les embouteillages aux heures de pointe. Des parkings relais ont été construits aux deux terminus.",
     "Le ticket coûtera le même prix que sur le reste du réseau. Les rames circuleront toutes les six minutes en journée."])
art(slug="fr-sante", lang="fr", site="Santé Régions", host="sante-regions.example", author=None,
    date=None, title="Un nouveau centre de santé ouvre ses portes en zone rurale",
    paras=[
     "Un centre de santé regroupant trois médecins généralistes, deux infirmières et un kinésithérapeute a ouvert ses portes lundi dans le bourg. Les habitants devaient jusqu'ici parcourir trente kilomètres pour consulter.",
     "La commune a financé la rénovation de l'ancienne poste pour accueillir les cabinets. Les loyers ont été fixés à un niveau modeste pour attirer de jeunes praticiens.",
     "Dès le premier jour, les rendez-vous de la semaine étaient presque tous pris. Le maire a parlé d'un soulagement pour les familles et les personnes âgées.",
     "Une permanence de soins sera assurée le samedi matin. Le centre espère accueillir un dentiste d'ici la fin de l'année."])
art(slug="fr-culture", lang="fr", site="La Gazette des Arts", host="gazette-arts.example", author="Sophie Laurent",
    date="2022-06-21T20:00:00Z", title="La fête de la musique attire une foule record",
    paras=[
     "Plus de cent mille personnes ont envahi les rues du centre pour la fête de la musique, un record selon la préfecture. Près de deux cents scènes avaient été installées sur les places et dans les cours.",
     "Des chorales d'enfants aux groupes de rock, tous les styles étaient représentés jusque tard dans la nuit. Les transports en commun ont circulé jusqu'à deux heures du matin.",
     "Les secours ont signalé peu d'incidents malgré l'affluence. Quelques malaises dus à la chaleur ont été pris en charge sur place.",
     "La mairie envisage déjà d'étendre la fête à tout le week-end l'an prochain. Les commerçants du centre se sont félicités d'une soirée exceptionnelle."])
art(slug="fr-broken", lang="fr", site="L'Écho du Littoral", host="echo-littoral.example", author="Marc Leroy",
    date="2024-01-09T06:00:00+01:00", title="La tempête arrache des toitures sur la côte",
    paras=[
     "La tempête a balayé la côte dans la nuit de lundi à mardi, avec des rafales dépassant cent trente kilomètres par heure. Des dizaines de toitures ont été arrachées dans les communes du bord de mer.",
     "Près de vingt mille foyers étaient encore privés d'électricité mardi matin. Les équipes de réparation travaillent sans relâche pour rétablir le courant.",
     "Les pompiers sont intervenus plus de trois cents fois, surtout pour des arbres tombés sur les routes. Aucun blessé grave n'a été signalé.",
     "Le préfet a demandé aux habitants de rester prudents et d'éviter le littoral. Une nouvelle dépression est attendue en fin de semaine."])
art(slug="es-agua", lang="es", site="Diario del Sur", host="diariodelsur.example", author="Lucía Fernández",
    date="2023-08-10T09:15:00+02:00", title="Los embalses bajan al nivel más bajo en tres décadas",
    paras=[
     "Los embalses de la cuenca se encuentran al veinte por ciento de su capacidad, el nivel más bajo en treinta años. La falta de lluvias durante la primavera ha agravado la situación.",
     "El gobierno regional ha aprobado restricciones al riego agrícola y al llenado de piscinas privadas. Los ayuntamientos deberán reducir el consumo en parques y jardines.",
     "Los agricultores advierten de que la cosecha de cereales podría caer a la mitad. Muchos han decidido no sembrar este otoño hasta que mejore el pronóstico.",
     "Los expertos piden invertir en desaladoras y en la reparación de tuberías antiguas. Se calcula que una cuarta parte del agua se pierde por fugas en la red."])
art(slug="es-futbol", lang="es", site="Deportes Hoy", host="deporteshoy.example", author="Javier Molina",
    date="2024-03-17T23:10:00+01:00", title="El equipo local remonta y se acerca al liderato",
    paras=[
     "El equipo local remontó un gol en contra y ganó tres a uno en un estadio lleno hasta la bandera. Con esta victoria queda a solo dos puntos del primer puesto.",
     "El delantero argentino marcó dos goles en la segunda parte y fue el mejor del partido. El entrenador destacó la reacción del equipo tras el descanso.",
     "El rival se adelantó en el marcador con un disparo lejano a los diez minutos. A partir de entonces apenas volvió a inquietar a la portería local.",
     "El próximo partido se jugará el domingo fuera de casa contra el actual líder. Las entradas para los aficionados visitantes se agotaron en pocas horas."])
art(slug="es-ciencia", lang="es", site="Ciencia Abierta", host="cienciaabierta.example", author=None,
    date=None, title="Un telescopio detecta agua en la atmósfera de un planeta lejano",
    paras=[
     "Un equipo internacional de astrónomos ha detectado vapor de agua en la atmósfera de un planeta situado a más de cien años luz de la Tierra. El hallazgo se realizó con un telescopio espacial.",
     "El planeta es unas ocho veces más grande que la Tierra y gira alrededor de una estrella enana roja. Su temperatura podría permitir la existencia de agua líquida en algunas zonas.",
     "Los investigadores advierten de que esto no significa que haya vida en el planeta. Sin embargo, lo consideran uno de los mejores candidatos para futuros estudios.",
     "Los resultados se publicarán este mes en una revista científica especializada. El equipo ya ha solicitado más tiempo de observación para el próximo año."])
art(slug="es-broken", lang="es", site="La Voz del Puerto", host="lavozdelpuerto.example", author="Carmen Ruiz",
    date="2022-11-28", title="El puerto bate su récord de pasajeros de cruceros",
    paras=[
     "El puerto ha recibido este año más de un millón de pasajeros de cruceros, una cifra nunca alcanzada hasta ahora. Los barcos más grandes llegan a transportar seis mil personas.",
     "Los comerciantes del casco antiguo celebran el aumento de clientes durante las escalas. Algunos vecinos, en cambio, se quejan de las aglomeraciones en las calles estrechas.",
     "La autoridad portuaria estudia limitar el número de barcos que pueden atracar el mismo día. También quiere que los buques se conecten a la red eléctrica durante su estancia.",
     "Las navieras ya han anunciado nuevas rutas para la próxima temporada. El puerto espera superar de nuevo la cifra el año que viene."])
art(slug="pt-chuva", lang="pt", site="Jornal da Serra", host="jornaldaserra.example", author="Ana Souza",
    date="2024-01-15T11:00:00-03:00", title="Chuvas fortes provocam deslizamentos na serra",
    paras=[
     "As chuvas fortes dos últimos dias provocaram deslizamentos de terra em vários bairros da serra. A Defesa Civil retirou mais de duzentas famílias das áreas de risco.",
     "Em algumas localidades choveu em dois dias o volume esperado para todo o mês. Várias estradas foram interditadas por causa da queda de barreiras.",
     "As escolas municipais foram transformadas em abrigos temporários para os desalojados. Voluntários distribuíram roupas, colchões e alimentos durante a noite.",
     "A previsão indica que a chuva deve diminuir a partir de quinta-feira. Mesmo assim, as autoridades pedem que os moradores continuem atentos aos alertas."])
art(slug="pt-economia", lang="pt", site="Folha Econômica", host="folhaeconomica.example", author="Ricardo Lima",
    date="2023-05-04T15:40:00Z", title="Exportações de café atingem recorde no trimestre",
    paras=[
     "As exportações de café atingiram um recorde no primeiro trimestre, impulsionadas pela forte procura na Europa e na Ásia. Foram embarcadas mais de dez milhões de sacas.",
     "Os produtores aproveitaram os preços elevados no mercado internacional para vender parte dos estoques. A desvalorização da moeda também ajudou a tornar o produto mais competitivo.",
     "Os portos registraram filas de navios à espera de carregamento durante várias semanas. As empresas de logística dizem que a capacidade de armazenagem está no limite.",
     "Para o resto do ano, os exportadores esperam números um pouco menores. A colheita deve ser afetada pelo tempo seco em algumas regiões produtoras."])
art(slug="pt-nodate", lang="pt", site="Gazeta do Rio", host="gazetadorio.example", author=None,
    date=None, title="Biblioteca comunitária reabre após reforma",
    paras=[
     "A biblioteca comunitária do bairro reabriu as portas no sábado depois de um ano de reforma. O prédio ganhou uma sala de leitura para crianças e um espaço com computadores.",
     "A obra foi paga com doações de moradores e de empresas da região. Os voluntários também ajudaram a catalogar os mais de quinze mil livros do acervo.",
     "A diretora disse que a biblioteca quer ser um ponto de encontro para jovens e idosos. Haverá oficinas de escrita e sessões de contação de histórias todas as semanas.",
     "O horário de funcionamento foi ampliado até as vinte horas nos dias úteis. A inscrição para o empréstimo de livros continua gratuita."])
art(slug="it-treni", lang="it", site="Il Corriere della Valle", host="corrieredellavalle.example", author="Giulia Rossi",
    date="2024-07-08T07:30:00+02:00", title="Nuovi treni regionali sulla linea del lago",
    paras=[
     "Da lunedì sulla linea del lago circolano sei nuovi treni regionali, più veloci e con più posti a sedere. La regione li ha acquistati con i fondi europei per la mobilità.",
     "I pendolari attendevano da anni la sostituzione dei vecchi convogli, spesso guasti e senza aria condizionata. Nei primi giorni i ritardi si sono ridotti in modo evidente.",
     "I nuovi treni hanno spazi per le biciclette e prese elettriche accanto ai sedili. Sono anche accessibili alle persone in sedia a rotelle grazie al pianale ribassato.",
     "Entro la fine dell'anno arriveranno altri quattro convogli dello stesso modello. L'assessore ai trasporti ha promesso anche corse più frequenti la sera."])
art(slug="it-cultura", lang="it", site="Cronache Toscane", host="cronachetoscane.example", author="Marco Bianchi",
    date="2023-10-26T18:00:00+02:00", title="Restaurato l'affresco della chiesa di San Lorenzo",
    paras=[
     "Dopo tre anni di lavori è stato restaurato l'affresco che decora l'abside della chiesa di San Lorenzo. L'opera, del quindicesimo secolo, era stata danneggiata dall'umidità.",
     "I restauratori hanno rimosso strati di polvere e vecchie ridipinture che ne nascondevano i colori originali. Sono riemersi dettagli che gli studiosi non conoscevano.",
     "Il restauro è stato finanziato da una fondazione bancaria e da una raccolta fondi tra i cittadini. Oltre mille persone hanno contribuito con piccole donazioni.",
     "La chiesa sarà aperta al pubblico con visite guidate ogni fine settimana. Le scuole della zona potranno prenotare visite gratuite durante l'anno scolastico."])
art(slug="nl-fiets", lang="nl", site="Het Stadsblad", host="hetstadsblad.example", author="Pieter de Vries",
    date="2024-04-25T10:20:00+02:00", title="Nieuwe fietsenstalling bij het station is meteen vol",
    paras=[
     "De nieuwe fietsenstalling onder het stationsplein is binnen een week na de opening al bijna helemaal vol. Er is plaats voor twaalfduizend fietsen.",
     "De gemeente had gehoopt dat de stalling een einde zou maken aan de rijen fietsen op de stoep. Toch staan er nog altijd honderden fietsen buiten de rekken.",
     "Reizigers kunnen hun fiets de eerste vierentwintig uur gratis stallen. Daarna betalen ze een klein bedrag per dag met hun ov-kaart.",
     "De wethouder zegt dat er volgend jaar een tweede stalling aan de achterkant van het station komt. Fietsen die te lang buiten staan, worden vanaf juni weggehaald."])
B = {
 "en": dict(cookie="We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies.",
   accept="Accept all", nav=["Home","News","Business","Sport","Culture","Weather","Opinion"], ad="Advertisement",
   adtext="Save up to fifty percent on premium mattresses this weekend only.",
   newsletter="Sign up for our morning newsletter and get the top stories in your inbox every day.",
   related="Related stories", rel=["Storm damage closes coastal road for a week","Mayor unveils plan for new riverside park","Police appeal for witnesses after warehouse fire"],
   comments="Comments", com=["This is exactly what I expected to happen, nobody ever listens.","Great reporting as always, thank you for keeping us informed."],
   footer="All rights reserved.", links=["Contact us","Privacy policy","Terms of use"], share="Share this article",
   paywall="Subscribe now to read unlimited articles for just one pound a month.", trending="Most read", by="By",
   caption="A file photo shows the area in calmer times."),
 "de": dict(cookie="Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer Website zu bieten. Mit der weiteren Nutzung stimmen Sie der Verwendung von Cookies zu.",
   accept="Alle akzeptieren", nav=["Startseite","Politik","Wirtschaft","Sport","Kultur","Wetter","Meinung"], ad="Anzeige",
   adtext="Jetzt bis zu fünfzig Prozent auf Matratzen sparen, nur an diesem Wochenende.",
   newsletter="Melden Sie sich für unseren Newsletter an und erhalten Sie jeden Morgen die wichtigsten Nachrichten.",
   related="Das könnte Sie auch interessieren", rel=["Sturm beschädigt Dächer in der Innenstadt","Neuer Radweg entlang des Flusses eröffnet","Polizei sucht Zeugen nach Brand in Lagerhalle"],
   comments="Kommentare", com=["Das war doch abzusehen, niemand hört auf die Bürger.","Danke für den ausführlichen Bericht, sehr informativ."],
   footer="Alle Rechte vorbehalten.", links=["Kontakt","Datenschutz","Impressum"], share="Artikel teilen",
   paywall="Jetzt abonnieren und alle Artikel für nur einen Euro im Monat lesen.", trending="Meistgelesen", by="Von",
   caption="Ein Archivbild zeigt die Gegend in ruhigeren Zeiten."),
 "fr": dict(cookie="Nous utilisons des cookies pour vous offrir la meilleure expérience sur notre site. En poursuivant votre navigation, vous acceptez leur utilisation.",
   accept="Tout accepter", nav=["Accueil","Politique","Économie","Sport","Culture","Météo","Opinions"], ad="Publicité",
   adtext="Jusqu'à cinquante pour cent de réduction sur les matelas ce week-end seulement.",
   newsletter="Inscrivez-vous à notre lettre d'information et recevez l'essentiel de l'actualité chaque matin.",
   related="À lire aussi", rel=["La tempête endommage la route côtière","Le maire présente un nouveau parc au bord du fleuve","Appel à témoins après l'incendie d'un entrepôt"],
   comments="Commentaires", com=["Il fallait s'y attendre, personne n'écoute jamais les habitants.","Merci pour cet article très complet et bien documenté."],
   footer="Tous droits réservés.", links=["Nous contacter","Politique de confidentialité","Mentions légales"], share="Partager cet article",
   paywall="Abonnez-vous pour lire tous nos articles pour un euro par mois.", trending="Les plus lus", by="Par",
   caption="Une photo d'archive montre les lieux en des temps plus calmes."),
 "es": dict(cookie="Utilizamos cookies para ofrecerle la mejor experiencia en nuestro sitio web. Si continúa navegando, acepta su uso.",
   accept="Aceptar todo", nav=["Portada","Política","Economía","Deportes","Cultura","Tiempo","Opinión"], ad="Publicidad",
   adtext="Ahorre hasta un cincuenta por ciento en colchones solo este fin de semana.",
   newsletter="Suscríbase a nuestro boletín y reciba cada mañana las noticias más importantes.",
   related="Noticias relacionadas", rel=["El temporal daña la carretera de la costa","El alcalde presenta un nuevo parque junto al río","La policía busca testigos tras el incendio de un almacén"],
   comments="Comentarios", com=["Era de esperar, nadie escucha nunca a los vecinos.","Gracias por el artículo, muy completo e interesante."],
   footer="Todos los derechos reservados.", links=["Contacto","Política de privacidad","Aviso legal"], share="Compartir este artículo",
   paywall="Suscríbase ahora y lea todos los artículos por un euro al mes.", trending="Lo más leído", by="Por",
   caption="Una foto de archivo muestra la zona en tiempos más tranquilos."),
 "pt": dict(cookie="Utilizamos cookies para oferecer a melhor experiência no nosso site. Ao continuar a navegar, você concorda com o seu uso.",
   accept="Aceitar todos", nav=["Início","Política","Economia","Esportes","Cultura","Tempo","Opinião"], ad="Publicidade",
   adtext="Economize até cinquenta por cento em colchões só neste fim de semana.",
   newsletter="Assine a nossa newsletter e receba as principais notícias todas as manhãs.",
   related="Leia também", rel=["Temporal danifica estrada do litoral","Prefeito apresenta novo parque à beira do rio","Polícia procura testemunhas após incêndio em armazém"],
   comments="Comentários", com=["Era de se esperar, ninguém escuta os moradores.","Obrigado pela reportagem, muito completa e esclarecedora."],
   footer="Todos os direitos reservados.", links=["Fale conosco","Política de privacidade","Termos de uso"], share="Compartilhar esta notícia",
   paywall="Assine agora e leia todas as notícias por um real por mês.", trending="Mais lidas", by="Por",
   caption="Uma foto de arquivo mostra a região em tempos mais calmos."),
 "it": dict(cookie="Utilizziamo i cookie per offrirti la migliore esperienza sul nostro sito. Continuando la navigazione accetti il loro utilizzo.",
   accept="Accetta tutto", nav=["Home","Politica","Economia","Sport","Cultura","Meteo","Opinioni"], ad="Pubblicità",
   adtext="Risparmia fino al cinquanta per cento sui materassi solo questo fine settimana.",
   newsletter="Iscriviti alla nostra newsletter e ricevi ogni mattina le notizie più importanti.",
   related="Leggi anche", rel=["La tempesta danneggia la strada costiera","Il sindaco presenta un nuovo parco lungo il fiume","La polizia cerca testimoni dopo l'incendio di un magazzino"],
   comments="Commenti", com=["Era prevedibile, nessuno ascolta mai i cittadini.","Grazie per l'articolo, molto completo e interessante."],
   footer="Tutti i diritti riservati.", links=["Contatti","Privacy","Note legali"], share="Condividi questo articolo",
   paywall="Abbonati ora e leggi tutti gli articoli per un euro al mese.", trending="I più letti", by="Di",
   caption="Una foto d'archivio mostra la zona in tempi più tranquilli."),
 "nl": dict(cookie="Wij gebruiken cookies om u de beste ervaring op onze website te bieden. Door verder te surfen gaat u akkoord met het gebruik van cookies.",
   accept="Alles accepteren", nav=["Home","Politiek","Economie","Sport","Cultuur","Weer","Opinie"], ad="Advertentie",
   adtext="Bespaar tot vijftig procent op matrassen, alleen dit weekend.",
   newsletter="Meld je aan voor onze nieuwsbrief en ontvang elke ochtend het belangrijkste nieuws.",
   related="Lees ook", rel=["Storm beschadigt kustweg","Burgemeester presenteert nieuw park aan de rivier","Politie zoekt getuigen na brand in loods"],
   comments="Reacties", com=["Dit was te verwachten, niemand luistert naar de bewoners.","Bedankt voor het uitgebreide artikel, heel informatief."],
   footer="Alle rechten voorbehouden.", links=["Contact","Privacybeleid","Gebruiksvoorwaarden"], share="Deel dit artikel",
   paywall="Neem nu een abonnement en lees alle artikelen voor een euro per maand.", trending="Meest gelezen", by="Door",
   caption="Een archieffoto toont de omgeving in rustiger tijden."),
}
import json, html as H, os, sys

def esc(s): return H.escape(s, quote=True)

def meta_og(a):
    m = [f'<meta property="og:title" content="{esc(a["title"])}">',
         f'<meta property="og:site_name" content="{esc(a["site"])}">',
         f'<meta property="og:url" content="https://{a["host"]}/news/{a["slug"]}">',
         f'<meta property="og:type" content="article">']
    if a["date"]: m.append(f'<meta property="article:published_time" content="{a["date"]}">')
    if a["author"]: m.append(f'<meta name="author" content="{esc(a["author"])}">')
    return "\n".join(m)

def jsonld(a, graph=False):
    o = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
         "publisher": {"@type": "Organization", "name": a["site"]},
         "mainEntityOfPage": f'https://{a["host"]}/{a["slug"]}.html'}
    if a["date"]: o["datePublished"] = a["date"]
    if a["author"]: o["author"] = {"@type": "Person", "name": a["author"]}
    if graph:
        o = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": a["site"], "url": f'https://{a["host"]}/'}, o]}
    return '<script type="application/ld+json">' + json.dumps(o, ensure_ascii=False) + '</script>'

def nav(b, a, big=False):
    items = b["nav"] * (3 if big else 1)
    lis = "".join(f'<li><a href="/{i}-{k}">{esc(x)}</a></li>' for k, (i, x) in enumerate(enumerate(items)))
    return f'<nav class="main-nav"><a class="logo" href="/">{esc(a["site"])}</a><ul>{lis}</ul></nav>'

def cookie(b): return f'<div id="cookie-banner" class="cookie-consent"><p>{esc(b["cookie"])}</p><button>{esc(b["accept"])}</button></div>'
def ad(b, n=1): return f'<div class="ad-slot ad-{n}"><span class="ad-label">{esc(b["ad"])}</span><p>{esc(b["adtext"])}</p></div>'
def related(b, cls="related"):
    lis = "".join(f'<li><a href="/story/{k}">{esc(x)}</a></li>' for k, x in enumerate(b["rel"]))
    return f'<aside class="{cls}"><h3>{esc(b["related"])}</h3><ul>{lis}</ul></aside>'
def comments(b):
    cs = "".join(f'<div class="comment"><span class="comment-author">user{k}</span><p>{esc(x)}</p></div>' for k, x in enumerate(b["com"]))
    return f'<section id="comments" class="comments"><h3>{esc(b["comments"])}</h3>{cs}</section>'
def footer(b, a):
    links = " | ".join(f'<a href="/{k}">{esc(x)}</a>' for k, x in enumerate(b["links"]))
    return f'<footer class="site-footer"><p>&copy; 2024 {esc(a["site"])}. {esc(b["footer"])}</p><p>{links}</p></footer>'
def newsletter(b): return f'<div class="newsletter-box"><p>{esc(b["newsletter"])}</p><form><input type="email"><button>OK</button></form></div>'
def share(b): return f'<div class="share-buttons"><span>{esc(b["share"])}</span><a href="#">Facebook</a><a href="#">X</a><a href="#">WhatsApp</a></div>'
def byline(b, a):
    return f'<p class="byline">{esc(b["by"])} {esc(a["author"])}</p>' if a["author"] else ""
def ps(a): return "".join(f"<p>{esc(p)}</p>\n" for p in a["paras"])
def head(a, extra=""):
    return f'<!DOCTYPE html>\n<html lang="{a["lang"]}">\n<head>\n<meta charset="utf-8">\n<title>{esc(a["title"])} | {esc(a["site"])}</title>\n{extra}\n<link rel="stylesheet" href="/css/site.css">\n<script>window.dataLayer=[];function track(){{}}</script>\n</head>\n'

# Layout 1: classic news page with Open Graph metadata.
def L1(a, b):
    return head(a, meta_og(a) + f'\n<link rel="canonical" href="https://{a["host"]}/news/{a["slug"]}">') + f'''<body>
{cookie(b)}
<header>{nav(b, a)}</header>
{ad(b)}
<main>
<article class="story">
<h1>{esc(a["title"])}</h1>
{byline(b, a)}
{ps(a)}
</article>
{share(b)}
{related(b)}
{comments(b)}
</main>
{footer(b, a)}
</body></html>
'''

# Layout 2: boilerplate-heavy portal: big menu, ads and a newsletter box in
# the middle of the story, teasers, trending list, comments.
def L2(a, b):
    p = a["paras"]
    mid = len(p) // 2
    body = "".join(f"<p>{esc(x)}</p>\n" for x in p[:mid]) + ad(b, 2) + newsletter(b) + "".join(f"<p>{esc(x)}</p>\n" for x in p[mid:])
    trending = "".join(f'<li><a href="/t/{k}">{esc(x)}</a></li>' for k, x in enumerate(reversed(b["rel"])))
    return head(a, meta_og(a) + "\n" + jsonld(a)) + f'''<body class="portal">
<div class="topbar"><a href="/login">Login</a> <a href="/abo">Abo</a></div>
<header>{nav(b, a, big=True)}</header>
{ad(b, 1)}
<div class="layout">
<div class="col-main">
<div class="article-header"><h1>{esc(a["title"])}</h1>{byline(b, a)}</div>
{share(b)}
<div class="article-body">
{body}
</div>
{related(b, "teasers")}
{comments(b)}
</div>
<div class="col-side"><h3>{esc(b["trending"])}</h3><ol>{trending}</ol>{ad(b, 3)}</div>
</div>
{footer(b, a)}
{cookie(b)}
</body></html>
'''

# Layout 3: blog-like page whose only metadata is JSON-LD, with a <time
# pubdate> in the byline, and threaded comments.
def L3(a, b):
    t = f'<time datetime="{a["date"]}" pubdate>{a["date"][:10]}</time>' if a["date"] else ""
    cs = "".join(f'<li class="comment"><div class="comment-body"><p>{esc(x)}</p></div></li>' for x in b["com"])
    return head(a, jsonld(a)) + f'''<body>
<div class="site-header"><div class="site-title">{esc(a["site"])}</div>{nav(b, a)}</div>
<div id="primary"><div id="content">
<div class="post">
<h2 class="entry-title">{esc(a["title"])}</h2>
<div class="entry-meta">{byline(b, a)} {t}</div>
<div class="entry-content">
{ps(a)}
</div>
<div class="entry-footer">{share(b)}</div>
</div>
<div id="comments"><h3>{esc(b["comments"])}</h3><ol class="commentlist">{cs}</ol></div>
</div></div>
<div id="sidebar">{related(b, "widget")}{ad(b)}</div>
{footer(b, a)}
</body></html>
'''

# Layout 4: broken markup: table layout, <font>, unclosed <p> and <div>,
# bad nesting and stray closing tags; date in a plain meta name="date".
def L4(a, b):
    d = f'<meta name="date" content="{a["date"]}">' if a["date"] else ""
    p = a["paras"]
    body = (f'<p><font face="Arial">{esc(p[0])}</font>\n'
            f'<p><b><i>{esc(p[1])}</b></i>\n'
            f'</div><p>{esc(p[2])}\n'
            f'<div class="para"><p>{esc(p[3])}</span></p>\n')
    return f'''<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a["title"])} - {esc(a["site"])}</title>
{d}<meta name="author" content="{esc(a["author"] or "")}"><meta name="language" content="{a["lang"]}">
</head>
<body bgcolor="#ffffff">
<table width="100%"><tr><td colspan="2">{nav(b, a)}</td></tr>
<tr><td width="180" valign="top" class="leftnav"><ul><li><a href="/a">{esc(b["nav"][1])}</a><li><a href="/b">{esc(b["nav"][2])}</a></ul>{ad(b)}</td>
<td valign="top">
<div class="content">
<h1>{esc(a["title"])}</h1>
{body}
<div class="related-links"><b>{esc(b["related"])}</b><br>{"<br>".join(f'<a href="/r{k}">{esc(x)}</a>' for k, x in enumerate(b["rel"]))}
</td></tr>
<tr><td colspan="2">{footer(b, a)}
</table>
<div class="cookie-bar">{esc(b["cookie"])} <a href="#">OK</a></div>
</body>
</html>
'''

# Layout 5: old CMS: paragraphs separated by <br><br> in one div, with the
# date in an itemprop meta, and a "most read" box.
def L5(a, b):
    d = f'<meta itemprop="datePublished" content="{a["date"]}">' if a["date"] else ""
    txt = "<br><br>\n".join(esc(p) for p in a["paras"])
    return head(a, f'<meta property="og:site_name" content="{esc(a["site"])}">') + f'''<body>
{cookie(b)}
<div id="header">{nav(b, a)}</div>
<div id="wrapper" itemscope itemtype="https://schema.org/NewsArticle">{d}
<h1 itemprop="headline">{esc(a["title"])}</h1>
<div class="author" itemprop="author">{esc(a["author"] or "")}</div>
<div id="article-text" itemprop="articleBody">
{txt}
</div>
<div class="mostread"><h4>{esc(b["trending"])}</h4>{"".join(f'<p><a href="/m{k}">{esc(x)}</a></p>' for k, x in enumerate(b["rel"]))}</div>
</div>
{ad(b)}
{footer(b, a)}
</body></html>
'''

# Layout 6: paywall teaser: figure with caption, subscription box and a
# cookie modal at the end of the page.
def L6(a, b):
    return head(a, meta_og(a)) + f'''<body>
<header class="masthead"><div class="brand">{esc(a["site"])}</div>{nav(b, a)}</header>
<main id="main-content">
<article>
<header><h1 class="headline">{esc(a["title"])}</h1>{byline(b, a)}</header>
<figure><img src="/img/photo.jpg" alt=""><figcaption>{esc(b["caption"])}</figcaption></figure>
<section class="article-body">
{ps(a)}
</section>
<div class="paywall-offer"><p>{esc(b["paywall"])}</p><a class="btn" href="/subscribe">OK</a></div>
</article>
{related(b)}
</main>
{footer(b, a)}
<div class="modal cookie-modal" role="dialog"><h2>Cookies</h2><p>{esc(b["cookie"])}</p><button>{esc(b["accept"])}</button></div>
</body></html>
'''

# Layout 7: semantic HTML5 with a JSON-LD @graph, breadcrumbs, a tag list,
# an inline "read more" link between paragraphs.
def L7(a, b):
    p = a["paras"]
    body = f"<p>{esc(p[0])}</p>\n<p>{esc(p[1])}</p>\n" + f'<p class="read-more"><a href="/story/9">{esc(b["rel"][0])}</a></p>\n' + "".join(f"<p>{esc(x)}</p>\n" for x in p[2:])
    return head(a, jsonld(a, graph=True)) + f'''<body>
{nav(b, a)}
<ol class="breadcrumbs"><li><a href="/">{esc(b["nav"][0])}</a></li><li><a href="/n">{esc(b["nav"][1])}</a></li></ol>
<main>
<article>
<h1>{esc(a["title"])}</h1>
{byline(b, a)}
{body}
<ul class="tags"><li><a href="/tag/1">{esc(b["nav"][2])}</a></li><li><a href="/tag/2">{esc(b["nav"][4])}</a></li></ul>
</article>
</main>
<aside>{related(b)}{newsletter(b)}</aside>
{comments(b)}
{footer(b, a)}
{cookie(b)}
</body></html>
'''

# Layout 8: div soup with class names only, no semantic elements, many
# sidebars, and the dateline as text inside the body (not metadata).
def L8(a, b):
    d = f'<meta name="publish-date" content="{a["date"]}"><meta name="pubdate" content="{a["date"]}">' if a["date"] else ""
    return head(a, d + f'<meta name="author" content="{esc(a["author"] or "")}">') + f'''<body>
<div class="page">
<div class="header-wrap">{nav(b, a)}{ad(b)}</div>
<div class="container">
<div class="left-rail">{related(b, "rail")}</div>
<div class="story-wrap">
<div class="story-title">{esc(a["title"])}</div>
<div class="story-body">
{ps(a)}
</div>
{share(b)}
<div class="comment-wrap">{comments(b)}</div>
</div>
<div class="right-rail"><div class="widget">{newsletter(b)}</div><div class="widget">{ad(b, 2)}</div></div>
</div>
{footer(b, a)}
</div>
{cookie(b)}
</body></html>
'''

LAYOUTS = [L1, L2, L3, L5, L6, L7, L8]

def sentences(text):
    import re
    out = []
    for s in re.split(r'(?<=[.!?"])\s+(?=[A-ZÀ-ÖØ-Þ"«¿¡])', text):
        s = s.strip()
        if s: out.append(s)
    return out

def boilerplate(b, a):
    s = [b["cookie"], b["adtext"], b["newsletter"], b["paywall"], b["caption"], b["related"], b["trending"], b["share"]] + b["rel"] + b["com"] + [b["footer"]]
    out = []
    for x in s: out += sentences(x)
    return out

def main(outdir):
    n = 0
    for i, a in enumerate(A):
        b = B[a["lang"]]
        if "broken" in a["slug"]:
            lay = L4
        else:
            lay = LAYOUTS[n % len(LAYOUTS)]; n += 1
        page = lay(a, b)
        with open(os.path.join(outdir, a["slug"] + ".html"), "w") as f: f.write(page)
        must = []
        for p in a["paras"]: must += sentences(p)
        side = {"layout": lay.__name__, "lang": a["lang"], "title": a["title"], "date": a["date"],
                "site": a["site"], "host": a["host"], "author": a["author"],
                "text": "\n\n".join(a["paras"]), "must": must, "must_not": boilerplate(b, a)}
        with open(os.path.join(outdir, a["slug"] + ".json"), "w") as f:
            json.dump(side, f, ensure_ascii=False, indent=1); f.write("\n")

if __name__ == "__main__":
    main(sys.argv[1])
