Console.WriteLine("orleansgan");
