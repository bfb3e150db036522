namespace Pathavana.Tests.Assistant.Understanding;

/// <summary>
/// The understanding table: what a traveler types, the day they type it, and the frame fields
/// that matter. One line per case: <c>today | utterance | expectations</c>, where expectations are
/// <c>field=value</c> pairs (see <see cref="FrameExpectation"/>); <c>field=-</c> means "left out".
/// </summary>
public static class UnderstandingCases
{
    private const string Table = """
        # --- international cities, codes, routes ------------------------------------------------------------
        2026-11-25 | Boston to Lisbon on March 12 | intent=searchFlights from=BOS to=LIS depart=2027-03-12
        2026-11-25 | fly from London to Tokyo | from=LON|LHR to=TYO|HND|NRT
        2026-11-25 | flights to Paris from New York | from=NYC|JFK to=PAR|CDG
        2026-11-25 | between Madrid and Rome next Friday | from=MAD to=ROM|FCO depart=2026-12-04
        2026-11-25 | flying out of Chicago to Denver | from=CHI|ORD to=DEN
        2026-11-25 | BOS to LIS | from=BOS to=LIS
        2026-11-25 | from jfk to lhr on the 14th | from=JFK to=LHR depart=2026-12-14
        2026-11-25 | Sydney to Auckland via Brisbane | from=SYD to=AKL via=BNE
        2026-11-25 | Toronto to Vancouver through Calgary | from=YTO|YYZ to=YVR via=YYC
        2026-11-25 | Singapore to Bangkok stopping in Kuala Lumpur | from=SIN to=BKK via=KUL
        2026-11-25 | I want to go to Lisbon | intent=searchFlights to=LIS from=-
        2026-11-25 | from Boston | from=BOS to=-
        2026-11-25 | Lisbon | to=LIS
        2026-11-25 | to Barcelona from Dublin | from=DUB to=BCN
        2026-11-25 | flights from Zürich to São Paulo | from=ZRH to=SAO|GRU
        2026-11-25 | Amsterdam to Reykjavik tomorrow | from=AMS to=REK|KEF depart=2026-11-26
        2026-11-25 | Dubai to Mumbai | from=DXB to=BOM
        2026-11-25 | Bombay to Delhi | from=BOM to=DEL
        2026-11-25 | Hong Kong to Seoul | from=HKG to=SEL|ICN
        2026-11-25 | Mexico City to Cancun | from=MEX to=CUN
        2026-11-25 | Frankfurt to Istanbul | from=FRA to=IST
        2026-11-25 | Munich to Vienna by train? no, fly | from=MUC to=VIE
        2026-11-25 | from Washington DC to Seattle | from=WAS|IAD|DCA to=SEA
        2026-11-25 | LA to NYC | from=LAX to=NYC|JFK
        2026-11-25 | sf to vegas | from=SFO to=LAS
        2026-11-25 | fly from Frisco to Philly | from=SFO to=PHL
        2026-11-25 | twin cities to dallas fort worth | from=MSP to=DFW
        2026-11-25 | St. Louis to St Paul | from=STL to=MSP
        2026-11-25 | Saint Louis to New Orleans | from=STL to=MSY
        2026-11-25 | from Newark to Baltimore | from=EWR to=BWI
        2026-11-25 | from Heathrow to Charles de Gaulle | from=LHR to=CDG
        2026-11-25 | O'Hare to LaGuardia | from=ORD to=LGA
        2026-11-25 | flights from Logan to Dulles | from=BOS to=IAD
        2026-11-25 | Nice to Geneva | from=NCE to=GVA
        2026-11-25 | from Portland to San Jose | from=PDX to=SJC
        2026-11-25 | Cape Town to Johannesburg on Friday | from=CPT to=JNB depart=2026-11-27
        2026-11-25 | Lima to Bogota | from=LIM to=BOG
        2026-11-25 | Buenos Aires to Rio | from=BUE|EZE to=RIO|GIG
        2026-11-25 | Copenhagen to Stockholm | from=CPH to=STO|ARN
        2026-11-25 | Athens to Prague | from=ATH to=PRG
        2026-11-25 | the latest flight between Washington and Boston | from=WAS|IAD|DCA to=BOS
        2026-11-25 | leaving San Francisco for Washington | from=SFO to=WAS|IAD|DCA
        2026-11-25 | Washington to Denver | from=WAS|IAD|DCA to=DEN
        2026-11-25 | the difference between fare code q and fare code f | from=- to=-
        2026-11-25 | flights to California | to=-
        2026-11-25 | Lisbon to Porto on the 5th | from=LIS to=OPO depart=2026-12-05
        2026-11-25 | from Osaka to Sapporo | from=OSA|KIX to=SPK|CTS
        2026-11-25 | Beijing to Shanghai | from=BJS|PEK to=PVG|SHA
        2026-11-25 | from Cairo to Tel Aviv | from=CAI to=TLV
        2026-11-25 | Milan to Naples via Rome | from=MIL|MXP to=NAP via=ROM|FCO
        2026-11-25 | Helsinki to Oslo with a stop in Stockholm | from=HEL to=OSL via=STO|ARN
        # --- misspellings -----------------------------------------------------------------------------------
        2026-11-25 | flights from bostn to lisbon | from=BOS to=LIS
        2026-11-25 | from pittsburg to philadelpia | from=PIT to=PHL
        2026-11-25 | fly to amsterdamm | to=AMS
        2026-11-25 | from londn to barcelna | from=LON|LHR to=BCN
        2026-11-25 | cincinatti to minneapolis | to=MSP
        2026-11-25 | to san fransisco from seatle | from=SEA to=SFO
        2026-11-25 | i want to travel with my friends | to=- from=-
        2026-11-25 | to see the sights in rome | to=ROM
        2026-11-25 | to attend a wedding in Chicago | to=CHI|ORD
        2026-11-25 | from new yrok to miami | from=NYC|JFK to=MIA
        # --- absolute dates --------------------------------------------------------------------------------
        2026-11-25 | flights to Denver on 12 March | depart=2027-03-12
        2026-11-25 | to Denver on 2027-03-12 | depart=2027-03-12
        2026-11-25 | to Denver March 12th | depart=2027-03-12
        2026-11-25 | to Denver March 12 2027, 2 adults | depart=2027-03-12 pax=2/0/0
        2030-06-01 | to Denver March 12 2032 | depart=2032-03-12
        2030-06-01 | to Denver March 12 2000 dollars max | depart=2031-03-12
        2030-06-01 | to Denver March 12 20.5 | depart=2031-03-12
        2026-11-25 | to Denver on the 12th of March | depart=2027-03-12
        2026-11-25 | to Denver on March twelfth | depart=2027-03-12
        2026-11-25 | to Denver on the twelfth of march | depart=2027-03-12
        2026-11-25 | to Denver on 12/3 | depart=2026-12-03
        2026-11-25 | to Denver on 3/12/2027 | depart=2027-03-12
        2026-11-25 | to Denver on 25/12 | depart=2026-12-25
        2026-11-25 | to Denver Dec 1 | depart=2026-12-01
        2026-11-25 | to Denver on November 25 | depart=2026-11-25
        2026-11-25 | to Denver on November 24 | depart=2027-11-24
        2026-11-25 | to Denver on the twenty first of december | depart=2026-12-21
        2026-11-25 | to Denver on the 3rd | depart=2026-12-03
        2026-11-25 | to Denver on the 30th | depart=2026-11-30
        2026-11-25 | Boston to Denver on the 14th returning the 20th | depart=2026-12-14 return=2026-12-20
        2026-11-25 | Boston to Denver March 3 to March 10 | depart=2027-03-03 return=2027-03-10
        2026-11-25 | Boston to Denver from the 3rd to the 6th of June | depart=2027-06-03 return=2027-06-06
        2026-11-25 | Boston to Denver, leaving Jan 5, back Jan 9 | depart=2027-01-05 return=2027-01-09
        2026-11-25 | to Denver on Friday June 11 | depart=2027-06-11
        # --- relative dates, month and year ends ------------------------------------------------------------
        2026-11-25 | fly to Miami tomorrow | depart=2026-11-26
        2026-11-25 | fly to Miami today | depart=2026-11-25
        2026-11-25 | fly to Miami the day after tomorrow | depart=2026-11-27
        2026-11-25 | fly to Miami on Friday | depart=2026-11-27
        2026-11-25 | fly to Miami on Wednesday | depart=2026-12-02
        2026-11-25 | fly to Miami next Friday | depart=2026-12-04
        2026-11-25 | fly to Miami this weekend | depart=2026-11-28 return=2026-11-29
        2026-11-25 | fly to Miami next week | depart=2026-11-30
        2026-11-25 | fly to Miami in 3 weeks | depart=2026-12-16
        2026-11-25 | fly to Miami in 10 days | depart=2026-12-05
        2026-11-25 | fly to Miami a week from today | depart=2026-12-02
        2026-11-25 | fly to Miami next month | window=2026-12-01..2026-12-31
        2026-11-25 | flights to Rome early next month | window=2026-12-01..2026-12-10
        2026-11-25 | hotel in Lisbon somewhere central for 3 nights | area=city center
        2026-11-25 | centrally located hotel in Paris | area=city center
        2026-11-25 | hotel in the centre of Madrid | area=city center
        2026-11-25 | hotel near Central Park for 2 nights | area=Central Park
        2026-11-25 | I need a one way ticket from Seattle to LA tomorrow | pax=1/0/0 trip=oneWay
        2026-11-25 | one way ticket to Boston | pax=1/0/0
        2026-11-25 | ok flights then, 12 March, me and a friend | pax=2/0/0 depart=2027-03-12
        2026-11-25 | flights to Rome with a colleague | pax=2/0/0
        2026-11-25 | cheap flight to Tokyo from San Francisco in April for my honeymoon | pax=2/0/0
        2026-11-25 | a ticket for me and my wife to Paris | pax=2/0/0
        2026-11-25 | we need a ticket each to Rome | pax=-
        2026-11-25 | fly to Miami on Friday, back on Sunday | depart=2026-11-27 return=2026-11-29
        2026-11-25 | next Friday, back Sunday | depart=2026-12-04 return=2026-12-06
        2026-11-25 | to Miami on Saturday for 5 nights | depart=2026-11-28 return=2026-12-03
        2026-11-25 | to Miami on Dec 10 for a week | depart=2026-12-10 return=2026-12-17
        2026-11-25 | to Miami on Dec 10 for two weeks | depart=2026-12-10 return=2026-12-24
        2026-11-25 | to Miami for 5 nights | depart=- nights=5
        2026-12-30 | fly to Paris next Friday | depart=2027-01-08
        2026-12-30 | fly to Paris on Friday | depart=2027-01-01
        2026-12-30 | fly to Paris Jan 3 | depart=2027-01-03
        2026-12-30 | fly to Paris on December 31 | depart=2026-12-31
        2026-12-30 | fly to Paris tomorrow | depart=2026-12-31
        2026-12-30 | fly to Paris the day after tomorrow | depart=2027-01-01
        2026-12-30 | fly to Paris on the 2nd | depart=2027-01-02
        2026-12-30 | fly to Paris in 2 weeks | depart=2027-01-13
        2026-12-30 | fly to Paris next week | depart=2027-01-04
        2026-12-30 | fly to Paris this weekend | depart=2027-01-02 return=2027-01-03
        2026-12-30 | Paris on Dec 29 | depart=2027-12-29
        2026-12-30 | to Rome Dec 28 to Jan 4 | depart=2027-12-28 return=2028-01-04
        2026-12-30 | to Rome on the 31st for 4 nights | depart=2026-12-31 return=2027-01-04
        2027-02-26 | fly to Oslo in 3 days | depart=2027-03-01
        2027-02-26 | fly to Oslo on the 30th | depart=2027-03-30
        2027-02-26 | fly to Oslo tomorrow, back Monday | depart=2027-02-27 return=2027-03-01
        2027-06-28 | fly to Oslo on the 1st | depart=2027-07-01
        2027-06-28 | fly to Oslo next month | window=2027-07-01..2027-07-31
        # --- times of day ----------------------------------------------------------------------------------
        2026-11-25 | morning flights to Denver | time=05:00-12:00
        2026-11-25 | to Denver in the afternoon | time=12:00-18:00
        2026-11-25 | to Denver Friday evening | time=17:00-22:00 depart=2026-11-27
        2026-11-25 | back Wednesday evening | backtime=17:00-22:00 return=2026-12-02 time=-
        2026-11-25 | Denver to Chicago Tuesday morning back Wednesday after 5pm | time=05:00-12:00 backtime=17:00-23:59
        2026-11-25 | weekend in Barcelona from London, leaving friday after work | depart=2026-11-27 return=2026-11-29 trip=roundTrip
        2026-11-25 | a night flight to Denver | time=18:00-23:59
        2026-11-25 | red-eye from LAX to JFK | time=21:00-05:00
        2026-11-25 | to Denver before noon | time=00:00-12:00
        2026-11-25 | to Denver after 5 pm | time=17:00-23:59
        2026-11-25 | to Denver after 5pm | time=17:00-23:59
        2026-11-25 | to Denver around 8am | time=07:00-09:00
        2026-11-25 | to Denver between 10 am and 2 pm | time=10:00-14:00
        2026-11-25 | to Denver leaving after 17:30 | time=17:30-23:59
        2026-11-25 | to Denver early morning | time=05:00-08:00
        2026-11-25 | to Denver arriving before 5 pm | time=-
        2026-11-25 | good morning, I need a flight to Denver | time=- to=DEN
        # --- passengers ------------------------------------------------------------------------------------
        2026-11-25 | two adults and a toddler to Rome | pax=2/1/0
        2026-11-25 | me and my wife to Rome | pax=2/0/0
        2026-11-25 | my wife and I to Rome | pax=2/0/0
        2026-11-25 | family of four with two kids to Rome | pax=2/2/0
        2026-11-25 | 2 of us to Rome | pax=2/0/0
        2026-11-25 | the three of us to Rome | pax=3/0/0
        2026-11-25 | 3 adults, 2 children and an infant to Rome | pax=3/2/1
        2026-11-25 | one adult and a baby to Rome | pax=1/0/1
        2026-11-25 | just me to Rome | pax=1/0/0
        2026-11-25 | me and two friends to Rome | pax=3/0/0
        2026-11-25 | somewhere to stay in the centre, max 180 a night | to=- intent=searchHotels nightly=180 USD
        2026-11-25 | somewhere warm in february half term from manchester | from=MAN nights=7 trip=roundTrip window=2027-02-12..2027-02-14
        2026-11-25 | Gatwick to Malaga over the October half-term | from=LGW to=AGP nights=7 window=2027-10-22..2027-10-24
        2026-11-25 | half term in may, Bristol to Faro | from=BRS to=FAO window=2027-05-28..2027-05-30
        2026-11-25 | 4 friends from new york to paris in may, 5 nights, around 700 each | pax=4/0/0 from=NYC|JFK to=PAR|CDG max=700 USD nights=5 time=-
        2026-11-25 | four friends flying to rome | pax=4/0/0
        2026-11-25 | I'm going to Rome with 3 friends | pax=4/0/0
        2026-11-25 | Boston to Denver, about 900 per person | max=900 USD time=-
        2026-11-25 | my wife, my son and I to Rome | pax=2/1/0
        2026-11-25 | 4 people to Rome | pax=4/0/0
        2026-11-25 | 2 adults with a lap infant | pax=2/0/1
        2026-11-25 | we are 5 | pax=5/0/0
        2026-11-25 | add my wife | pax=1/0/0 act=Add
        2026-11-25 | add a child | pax=0/1/0 act=Add
        2026-11-25 | actually my sister is coming too | pax=1/0/0 act=Add
        2026-11-25 | my brother will come as well | pax=1/0/0 act=Add
        2026-11-25 | a room for two in Paris | pax=2/0/0 intent=searchHotels
        2026-11-25 | tickets for 3 to Paris on Friday | pax=3/0/0 to=PAR|CDG depart=2026-11-27
        2026-11-25 | 4 people including 2 kids to Rome | pax=2/2/0
        2026-11-25 | a couple to Rome | pax=2/0/0
        2026-11-25 | one way to Rome | pax=- trip=oneWay
        # --- cabin, nonstop, airlines, trip type, sort -------------------------------------------------------
        2026-11-25 | business class to Tokyo | cabin=business
        2026-11-25 | fly business to Tokyo | cabin=business
        2026-11-25 | a business trip to Tokyo | cabin=-
        2026-11-25 | first class to Tokyo | cabin=first
        2026-11-25 | the first flight to Tokyo | cabin=-
        2026-11-25 | premium economy to Tokyo | cabin=premiumEconomy
        2026-11-25 | coach to Tokyo | cabin=economy
        2026-11-25 | thrift fares to Tokyo | cabin=economy
        2026-11-25 | nonstop to Tokyo | nonstop=true
        2026-11-25 | direct flights to Tokyo | nonstop=true
        2026-11-25 | non-stop to Tokyo | nonstop=true
        2026-11-25 | both direct and connecting flights to Tokyo | nonstop=-
        2026-11-25 | on Delta to Atlanta | airline=DL
        2026-11-25 | united airlines to Denver | airline=UA
        2026-11-25 | on Lufthansa to Munich | airline=LH
        2026-11-25 | British Airways from London to Boston | airline=BA
        2026-11-25 | flights on DL from Boston | airline=DL
        2026-11-25 | round trip to Tokyo | trip=roundTrip
        2026-11-25 | one-way to Tokyo | trip=oneWay
        2026-11-25 | cheapest flights to Tokyo | sort=price
        2026-11-25 | lowest fare to Tokyo | sort=price
        2026-11-25 | fastest flight to Tokyo | sort=duration
        2026-11-25 | cheap flights to Tokyo | sort=-
        2026-11-25 | flights to the United States | airline=-
        2026-11-25 | from Boston to Denver and on to San Francisco | airline=- from=BOS to=DEN
        2026-11-25 | to Denver with at least one stop | airline=- nonstop=-
        2026-11-25 | with my final destination Rome | airline=-
        2026-11-25 | ua 201 from Boston | airline=UA from=BOS
        2026-11-25 | flights on dl from Boston | airline=DL from=BOS
        # --- budgets and currencies -------------------------------------------------------------------------
        2026-11-25 | to Tokyo under $900 | max=900 USD
        2026-11-25 | to Tokyo max 800 euros | max=800 EUR
        2026-11-25 | to Tokyo £500 | max=500 GBP
        2026-11-25 | to Tokyo for less than 1000 dollars | max=1000 USD
        2026-11-25 | to Tokyo budget of 1,200 | max=1200 USD
        2026-11-25 | to Tokyo under 1.5k | max=1500 USD
        2026-11-25 | to Tokyo under €750 | max=750 EUR
        2026-11-25 | to Tokyo under 90000 yen | max=90000 JPY
        2026-11-25 | to Toronto under 600 canadian dollars | max=600 CAD
        2026-11-25 | to Tokyo under 3 hours | max=-
        2026-11-25 | to Rome under five hundred dollars | max=500 USD
        2026-11-25 | to Oslo, fifteen hundred euros max | max=1500 EUR
        2026-11-25 | to Tokyo with a budget of 2000 | max=2000 USD
        2026-11-25 | to Tokyo under 900 each | max=900 USD
        2026-11-25 | to Tokyo on Dec 3 at 7 pm | max=- depart=2026-12-03 time=18:30-19:30
        2026-11-25 | hotel in Tokyo under $200 a night | nightly=200 USD max=-
        2026-11-25 | hotel in Tokyo max 150 euros per night | nightly=150 EUR
        # --- hotels -------------------------------------------------------------------------------------------
        2026-11-25 | hotel in Tokyo | intent=searchHotels to=TYO|HND|NRT
        2026-11-25 | a 4-star hotel in Lisbon | intent=searchHotels stars=4 to=LIS
        2026-11-25 | hotel in Lisbon at least 4 stars | stars=4
        2026-11-25 | five star hotel in Dubai | stars=5
        2026-11-25 | hotel in Shinjuku, Tokyo | area=Shinjuku to=TYO|HND|NRT
        2026-11-25 | hotel near the Eiffel Tower in Paris | area=Eiffel Tower to=PAR|CDG
        2026-11-25 | hotels in Paris near the Louvre | area=Louvre to=PAR|CDG
        2026-11-25 | hotel downtown Chicago | area=downtown
        2026-11-25 | hotel in Rome from March 3 to March 6 | checkin=2027-03-03 checkout=2027-03-06 depart=-
        2026-11-25 | hotel in Rome from March 3 for 3 nights | checkin=2027-03-03 checkout=2027-03-06
        2026-11-25 | hotel in Rome for 3 nights from March 3 | checkin=2027-03-03 checkout=2027-03-06
        2026-11-25 | a room in Berlin for 2 adults on Friday for 2 nights | intent=searchHotels pax=2/0/0 checkin=2026-11-27 checkout=2026-11-29
        2026-12-30 | hotel in Berlin tomorrow for 3 nights | checkin=2026-12-31 checkout=2027-01-03
        2026-11-25 | where to stay in Kyoto | intent=searchHotels
        2026-11-25 | hotel near Times Square, 4 stars or more, under $300/night | intent=searchHotels stars=4 area=Times Square nightly=300 USD time=- max=-
        2026-11-25 | hotel in Lisbon by the beach from March 3 for 4 nights | intent=searchHotels area=beach checkin=2027-03-03 checkout=2027-03-07
        2026-11-25 | beachfront hotel in Nice | intent=searchHotels to=NCE area=beach
        2026-11-25 | a seaside hotel in Barcelona for 3 nights from May 2 | area=beach checkin=2027-05-02 checkout=2027-05-05
        2026-11-25 | family of four from Chicago to Orlando over Christmas, kids are 6 and 9 | from=CHI to=MCO pax=2/2/0
        2026-11-25 | me and my wife and our kids aged 3, 7 and 14 to Rome in June | to=ROM pax=3/2/0
        2026-11-25 | family of 5 from Denver to San Diego, children 1 and 4 and 8 | pax=2/2/1
        2026-11-25 | family of four, kids 6 and 14, Boston to Miami | pax=3/1/0
        2026-11-25 | what can I do in Rome | intent=searchActivities to=ROM
        2026-11-25 | what should we see there | intent=searchActivities
        2026-11-25 | hotel in Paris for the 3 of us from 14 to 18 Feb | intent=searchHotels pax=3/0/0 checkin=2027-02-14 checkout=2027-02-18
        2026-11-25 | flights between 10 and 12 March to Madrid | to=MAD depart=2027-03-10 return=2027-03-12
        2026-11-25 | 28 to 3 March Boston to Denver | depart=2027-02-28 return=2027-03-03
        2026-11-25 | me and 3 buddies to Vegas | to=LAS pax=4/0/0
        2026-11-25 | book a room in NYC for tonight | intent=searchHotels checkin=2026-11-25 checkout=2026-11-26
        2026-11-25 | Hotels in Paris for 2 nights starting Friday | checkin=2026-11-27 checkout=2026-11-29
        2026-11-25 | any 3 star or better hotel in Rome next weekend for me and my wife | stars=3 pax=2/0/0 checkin=2026-12-05 checkout=2026-12-06
        2026-11-25 | flight and hotel to Cancun for a family of 4 from Dallas, Dec 20-27 | intent=planTrip from=DFW to=CUN depart=2026-12-20 return=2026-12-27 pax=4/0/0 checkin=2026-12-20
        2026-11-25 | hotel in Rome check in March 3 check out March 6 | checkin=2027-03-03 checkout=2027-03-06
        2026-11-25 | Tokyo hotels for 2 adults | intent=searchHotels to=TYO|HND|NRT pax=2/0/0
        2026-11-25 | cheap hotel in Madrid near the Prado | area=Prado to=MAD
        2026-11-25 | hostel in Berlin under 40 euros a night | intent=searchHotels nightly=40 EUR
        2026-11-25 | chicago to rome may 5 to 15 for two, nothing over 1200 each | pax=2/0/0 max=1200 USD depart=2027-05-05 return=2027-05-15
        2026-11-25 | Rome May 5 to 15 for 3, under 900 each | pax=3/0/0 max=900 USD
        2026-11-25 | ok find us a hotel near the colosseum with breakfast, under 200 a night | intent=searchHotels area=colosseum amenities=breakfast nightly=200 USD
        2026-11-25 | hotel in Miami with a pool and free parking | amenities=pool,parking area=-
        2026-11-25 | a pet friendly hotel in Denver with wifi | amenities=pets,wifi
        2026-11-25 | hotel in Austin, we're bringing our dog | amenities=pets
        2026-11-25 | B&B style place in York with breakfast included | amenities=breakfast
        2026-11-25 | hotel in Lisbon, no breakfast needed | amenities=-
        2026-11-25 | hotel in Lisbon, we don't need a pool | amenities=-
        2026-11-25 | flights from Boston to Denver with breakfast served | intent=searchFlights amenities=-
        2026-11-25 | hotel in Bali with a spa and a gym | amenities=spa,gym
        # --- whole trips, activities and other intents ------------------------------------------------------
        2026-11-25 | plan a trip to Lisbon | intent=planTrip to=LIS
        2026-11-25 | flights and a hotel in Rome for a week from Dec 10 | intent=planTrip to=ROM|FCO depart=2026-12-10 return=2026-12-17
        2026-11-25 | a vacation in Bali | intent=planTrip
        2026-11-25 | things to do in Barcelona | intent=searchActivities to=BCN
        2026-11-25 | museums in Amsterdam | intent=searchActivities to=AMS
        2026-11-25 | book the second option | intent=book
        2026-11-25 | book it | intent=book
        2026-11-25 | book a flight to Oslo | intent=searchFlights to=OSL
        2026-11-25 | show my trip | intent=showTrip
        2026-11-25 | remove the hotel from my trip | intent=showTrip act=Change
        2026-11-25 | help | intent=help
        2026-11-25 | what can you do? | intent=help
        2026-11-25 | hello | intent=smallTalk
        2026-11-25 | thank you! | intent=smallTalk
        2026-11-25 | actually make it Saturday | act=Change depart=2026-11-28
        2026-11-25 | business instead | act=Change cabin=business
        2026-11-25 | no, from Boston | act=Change from=BOS
        2026-11-25 | change it to the 20th | act=Change depart=2026-12-20
        2026-11-25 | switch to first class | act=Change cabin=first
        2026-11-25 | what's on my itinerary | intent=showTrip
        2026-11-25 | how does this work | intent=help
        2026-11-25 | nice to meet you | to=- from=-
        2026-11-25 | I'm flying with David to Rome | from=- to=ROM|FCO
        2026-11-25 | we want to spend a week in Lisbon in the spring | intent=planTrip to=LIS airline=- nights=7
        2026-11-25 | May I fly to Denver on May 3? | to=DEN depart=2027-05-03 airline=-
        2026-11-25 | flying SFO-JFK on 3/14 | from=SFO to=JFK depart=2027-03-14
        2026-11-25 | I'm in Boston and want to go to Miami on Saturday | from=BOS to=MIA depart=2026-11-28
        2026-11-25 | fly with Ryanair to Dublin | airline=FR to=DUB
        2026-11-25 | Need 2 tickets NYC to London Dec 18 return Jan 2 economy | from=NYC|JFK to=LON|LHR depart=2026-12-18 return=2027-01-02 pax=2/0/0 cabin=economy
        # --- whole sentences ------------------------------------------------------------------------------------
        2026-11-25 | two of us, Boston to Lisbon on the 12th of March for a week, under $900 each | from=BOS to=LIS depart=2027-03-12 return=2027-03-19 pax=2/0/0 max=900 USD
        2026-11-25 | cheapest nonstop round trip from Boston to Denver on Monday morning | from=BOS to=DEN depart=2026-11-30 time=05:00-12:00 nonstop=true trip=roundTrip sort=price
        2026-11-25 | me and my wife and two kids flying from NYC to Paris on Jan 3, premium economy | from=NYC|JFK to=PAR|CDG depart=2027-01-03 pax=2/2/0 cabin=premiumEconomy
        2026-11-25 | business class from Frankfurt to Singapore on Lufthansa next Friday evening | from=FRA to=SIN cabin=business airline=LH depart=2026-12-04 time=17:00-22:00
        2026-11-25 | 3 adults Chicago to Cancun Dec 20 - 27 under 2000 usd | from=CHI|ORD to=CUN depart=2026-12-20 return=2026-12-27 pax=3/0/0 max=2000 USD
        2026-11-25 | Chicago to Rome May 5 to 15, nothing over 1200 each | from=CHI|ORD to=ROM|FCO depart=2027-05-05 return=2027-05-15 max=1200 USD
        2026-11-25 | Chicago to Rome May 5 to 15, no more than $1500 | from=CHI|ORD to=ROM|FCO depart=2027-05-05 return=2027-05-15 max=1500 USD
        2026-11-25 | Chicago to Rome May 5 to 15 with more than 2 bags | from=CHI|ORD to=ROM|FCO depart=2027-05-05 return=2027-05-15 max=-
        2026-12-30 | Seattle to Honolulu next Friday for a week, direct only | from=SEA to=HNL depart=2027-01-08 return=2027-01-15 nonstop=true
        2026-11-25 | a 4-star hotel in Shinjuku, Tokyo from March 3 to March 6 under 200 euros a night for 2 | stars=4 area=Shinjuku checkin=2027-03-03 checkout=2027-03-06 nightly=200 EUR
        2026-11-25 | family of five with three kids from Dallas to Orlando this weekend | from=DFW to=MCO pax=2/3/0 depart=2026-11-28 return=2026-11-29
        """;

    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in Table.Split('\n'))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }
            // Columns are separated by " | "; alternatives inside an expectation ("to=NYC|JFK") have no spaces.
            var parts = text.Split(" | ");
            if (parts.Length != 3)
            {
                throw new InvalidOperationException($"Malformed case: {text}");
            }
            data.Add(parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
        }
        return data;
    }
}
